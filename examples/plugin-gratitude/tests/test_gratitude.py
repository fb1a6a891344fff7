"""The example plugin against the real engine, with only the core and this plugin enabled."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from forum.core.api import Item, db
from forum.testing import member_client, record_usage_events


@pytest.fixture
def app(make_app):
    return make_app(plugins=["gratitude"], community={"public_read": False})


def write(client, **fields):
    data = {"first": "Tea with a friend", "second": "", "third": "", "why": "", "visibility": "private"}
    return client.post("/gratitude/new", data={**data, **fields})


def test_found_by_its_entry_point_and_listed(app):
    assert "gratitude" in app.extensions["forum"].plugins
    html = member_client(app, "aoi").get("/").get_data(as_text=True)
    assert 'href="/gratitude/"' in html


def test_private_entry_is_seen_by_its_author_until_shared(app):
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    response = write(aoi, second="Finished a chapter", why="I took it slowly")
    assert response.status_code == 302
    entry = response.headers["Location"]
    assert "Finished a chapter" in aoi.get(entry).get_data(as_text=True)
    assert ren.get(entry).status_code == 404
    assert "Tea with a friend" not in ren.get("/gratitude/").get_data(as_text=True)
    item_id = int(entry.rsplit("/", 1)[1])
    aoi.post(f"/items/{item_id}/visibility", data={"visibility": "community"})
    assert "Tea with a friend" in ren.get("/gratitude/").get_data(as_text=True)


def test_a_missing_first_thing_answers_422_and_keeps_the_text(app):
    response = write(member_client(app, "aoi"), first="", second="A kept sentence")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Write at least one good thing." in page and "A kept sentence" in page


def test_japanese_text_is_saved_and_the_page_is_translated(make_app):
    app = make_app(plugins=["gratitude"], community={"language": "ja"})
    aoi = member_client(app, "aoi")
    assert write(aoi, first="散歩をした").status_code == 302
    page = aoi.get("/gratitude/mine").get_data(as_text=True)
    assert "散歩をした" in page and "3つのよいこと" in page
    with app.app_context():
        assert db.session.scalar(select(Item.data).where(Item.type == "gratitude"))["first"] == "散歩をした"


def test_visitors_sign_in_and_usage_counts_writing(app):
    assert app.test_client().get("/gratitude/").status_code == 302
    events = record_usage_events(app)
    write(member_client(app, "aoi"))
    assert events == [("aoi", "gratitude")]
