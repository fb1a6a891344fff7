"""Reactions and comments together: one policy per type, and reaction-only types take no replies."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from forum.core.api import ConfigError, Item, db
from forum.testing import NOTE_PLUGIN, member_client


def test_conflicting_policies_stop_start_up(make_app):
    with pytest.raises(ConfigError, match="two reaction policies"):
        make_app(plugins=["reactions", "comments", "funcan"], reactions={"funcan": ["like"]},
                 comments={"types": ["funcan"]})


def test_replies_to_a_reaction_only_type_are_refused(make_app):
    app = make_app(plugins=["reactions", "comments", NOTE_PLUGIN], reactions={"note": ["like"]})
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    note = aoi.post("/notes/new", data={"text": "A walk", "visibility": "community"})
    entry = int(note.headers["Location"].rsplit("/", 1)[1])
    response = ren.post(f"/items/{entry}/replies", data={"body": "You should try harder"})
    assert 400 <= response.status_code < 500
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Item).where(Item.parent_id == entry)) == 0
    page = ren.get(f"/notes/{entry}").get_data(as_text=True)
    assert "<textarea" not in page and f'action="/items/{entry}/reactions/like"' in page
