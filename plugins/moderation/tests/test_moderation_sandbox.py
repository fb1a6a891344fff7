"""New-member sandbox: in screened mode a new member's first items wait until enough were approved;
an item reported by enough different members is hidden until a moderator decides."""

from __future__ import annotations

import pytest

from forum.core.api import ConfigError
from forum.testing import member_client
from plugins.moderation.tests.helpers import (
    audit_actions,
    community,
    entry_for,
    item_id,
    item_status,
    post_topic,
)


def approve(moderator, app, topic: int) -> None:
    entry = entry_for(app, topic)
    response = moderator.post(f"/moderation/queue/{entry['id']}/approve", data={"approve-note": ""})
    assert response.status_code == 302


def test_first_items_wait_until_trusted(make_app):
    app = community(make_app, moderation={"sandbox_items": 2})
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    moderator = member_client(app, "sora", "moderator")
    response = post_topic(aoi, "Hello all", "I am new here.")
    assert response.status_code == 302
    first = item_id(app, "Hello all")
    assert item_status(app, first) == "held"
    assert ren.get(f"/t/{first}").status_code == 404
    queued = moderator.get(f"/moderation/queue/{entry_for(app, first)['id']}").get_data(as_text=True)
    assert "first 2 posts" in queued
    flashed = aoi.get("/b/general").get_data(as_text=True)
    assert "A moderator reads a new member" in flashed
    approve(moderator, app, first)
    post_topic(aoi, "Second", "Still new.")
    second = item_id(app, "Second")
    assert item_status(app, second) == "held"
    # An approved item edited stays published.
    aoi.post(f"/t/{first}/edit", data={"title": "Hello all", "body": "I am new here, hi."})
    assert item_status(app, first) == "published"
    approve(moderator, app, second)
    post_topic(aoi, "Third", "Now trusted.")
    assert item_status(app, item_id(app, "Third")) == "published"
    # Moderators are never sandboxed.
    post_topic(moderator, "Staff note", "Welcome.")
    assert item_status(app, item_id(app, "Staff note")) == "published"


def test_sandbox_only_in_screened_mode(make_app):
    app = community(make_app, "post", moderation={"sandbox_items": 3})
    aoi = member_client(app, "aoi")
    post_topic(aoi, "Post mode", "Hi.")
    assert item_status(app, item_id(app, "Post mode")) == "published"


def test_reports_from_different_members_hide_an_item(make_app):
    app = community(make_app, moderation={"hide_after_reports": 2})
    aoi, ren, kai = (member_client(app, name) for name in ("aoi", "ren", "kai"))
    moderator = member_client(app, "sora", "moderator")
    post_topic(aoi, "Harsh words", "Everyone here is fake.")
    topic = item_id(app, "Harsh words")
    ren.post(f"/moderation/report/{topic}", data={"category": "hurtful"})
    assert ren.post(f"/moderation/report/{topic}", data={"category": "hurtful"}).status_code == 409
    assert item_status(app, topic) == "published"
    hiding = kai.post(f"/moderation/report/{topic}", data={"category": "other"}, follow_redirects=True)
    assert item_status(app, topic) == "held"
    # The reporter lands where they can still read, told the post is hidden (not on a 404).
    assert hiding.status_code == 200
    assert "hidden until a moderator has looked at it" in hiding.get_data(as_text=True)
    assert ren.get(f"/t/{topic}").status_code == 404
    assert "Harsh words" not in ren.get("/search?q=fake").get_data(as_text=True)
    assert any(action == "auto_hide" for action, _reason in audit_actions(app))
    log = moderator.get("/moderation/audit").get_data(as_text=True)
    assert "Hidden after reports from members" in log and "auto_hide" not in log  # named, not a code
    assert f"discussion #{topic}" not in log  # the type in words too
    approve(moderator, app, topic)
    assert item_status(app, topic) == "published"


def test_negative_settings_stop_start_up(make_app):
    with pytest.raises(ConfigError, match="sandbox_items is -1, out of range"):
        community(make_app, moderation={"sandbox_items": -1})
