"""FunCan: writing, sharing, editing and deleting entries; validation; privacy; Japanese text.

FunCan alone; reactions on FunCan entries (U2plus) are in tests/integration/."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from forum.core.api import Item, db, has_cjk
from forum.testing import DEMO_MEMBERS, add_demo_content, add_user, mark_item_footers, member_client

TODAY = date.today().isoformat()


@pytest.fixture
def app(make_app) -> Flask:
    app = make_app(plugins=["funcan"])
    mark_item_footers(app)
    return app


def write(client: FlaskClient, text: str = "I cooked dinner", **fields: str):
    data = {"text": text, "category": "self_care", "day": TODAY, "visibility": "private", **fields}
    return client.post("/funcan/new", data=data)


def entry_id(response) -> int:
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def share(client: FlaskClient, item_id: int, visibility: str = "community"):
    return client.post(f"/items/{item_id}/visibility", data={"visibility": visibility})


def test_entry_is_private_by_default_and_listed_as_mine(app):
    aoi = member_client(app, "aoi")
    form = aoi.get("/funcan/new").get_data(as_text=True)
    assert 'checked id="visibility-0" name="visibility" type="radio" value="private"' in form
    assert "<legend>Who can see this entry?</legend>" in form
    item = entry_id(write(aoi))
    page = aoi.get(f"/funcan/{item}").get_data(as_text=True)
    assert "I cooked dinner" in page and "Only you" in page and "Self-care" in page
    assert "I cooked dinner" in aoi.get("/funcan/mine").get_data(as_text=True)
    assert "I cooked dinner" not in aoi.get("/funcan/").get_data(as_text=True)
    with app.app_context():
        stored = db.session.get(Item, item)
        assert (stored.visibility, stored.status) == ("private", "published")
        assert stored.data == {"category": "self_care", "day": TODAY}


def test_shared_entry_reaches_the_feed_and_can_be_unshared(app):
    aoi = member_client(app, "aoi")
    ren = member_client(app, "ren")
    item = entry_id(write(aoi, "A walk by the sea", visibility="community"))
    feed = ren.get("/funcan/").get_data(as_text=True)
    assert "A walk by the sea" in feed and f'data-footer-of="{item}"' in feed

    assert share(aoi, item, "private").status_code == 302
    assert "A walk by the sea" not in ren.get("/funcan/").get_data(as_text=True)
    assert ren.get(f"/funcan/{item}").status_code == 404
    share(aoi, item, "community")
    assert ren.get(f"/funcan/{item}").status_code == 200


def test_author_edits_an_entry(app):
    aoi = member_client(app, "aoi")
    item = entry_id(write(aoi))
    form = aoi.get(f"/funcan/{item}/edit").get_data(as_text=True)
    assert "I cooked dinner" in form and 'name="visibility"' not in form
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    response = aoi.post(f"/funcan/{item}/edit", data={"text": "I cooked *pasta*", "category": "",
                                                      "day": yesterday})
    assert entry_id(response) == item
    page = aoi.get(f"/funcan/{item}").get_data(as_text=True)
    assert "<em>pasta</em>" in page and f'datetime="{yesterday}"' in page
    with app.app_context():
        assert db.session.get(Item, item).visibility == "private"  # editing does not share


def test_author_deletes_an_entry_after_confirming(app):
    aoi = member_client(app, "aoi")
    item = entry_id(write(aoi, visibility="community"))
    confirm = aoi.get(f"/funcan/{item}").get_data(as_text=True)
    assert f'action="/items/{item}/delete"' in confirm and "Delete this entry for good?" in confirm
    assert aoi.post(f"/items/{item}/delete", data={"next": "/funcan/mine"}).status_code == 302
    assert aoi.get(f"/funcan/{item}").status_code == 404
    assert "I cooked dinner" not in aoi.get("/funcan/mine").get_data(as_text=True)


BAD_INPUT = [
    ({"text": "   "}, "Write a few words about it."),
    ({"text": "x" * 501}, "Keep it under 500 characters."),
    ({"category": "gardening"}, "Choose one of the categories."),
    ({"day": (date.today() + timedelta(days=3)).isoformat()}, "be in the future."),
    ({"day": "1924-05-01"}, "Choose a date within the last year."),
    ({"day": "yesterday"}, "Not a valid date value."),
    ({"day": ""}, "Enter the date, for example 2024-05-01."),
    ({"visibility": "everyone"}, "Choose who can see this entry."),
]


def test_bad_input_is_explained_in_the_form(app):
    aoi = member_client(app, "aoi")
    for fields, message in BAD_INPUT:
        response = write(aoi, **fields)
        assert response.status_code == 422, fields
        assert message in response.get_data(as_text=True), fields
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Item)) == 0


def test_private_entry_is_hidden_from_everyone_else(app):
    aoi = member_client(app, "aoi")
    item = entry_id(write(aoi, "My secret win"))
    ren = member_client(app, "ren")
    moderator = member_client(app, "sora_mod", role="moderator")
    for client in (ren, moderator):
        assert client.get(f"/funcan/{item}").status_code == 404
        assert client.get(f"/funcan/{item}/edit").status_code == 404
        assert client.post(f"/funcan/{item}/edit", data={"text": "hijack", "day": TODAY}).status_code == 404
        assert client.post(f"/items/{item}/visibility", data={"visibility": "community"}).status_code == 404
        assert "My secret win" not in client.get("/funcan/").get_data(as_text=True)
        assert "My secret win" not in client.get("/funcan/mine").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Item, item).visibility == "private"


def test_pages_are_for_members_unless_the_community_is_public(make_app):
    app = make_app(plugins=["funcan"], community={"public_read": False})
    add_user(app, "aoi")
    visitor = app.test_client()
    for url in ("/funcan/", "/funcan/mine", "/funcan/new"):
        response = visitor.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert 'href="/funcan/"' not in visitor.get("/").get_data(as_text=True)
    assert 'href="/funcan/"' in member_client(app, "ren").get("/").get_data(as_text=True)


def test_a_public_community_lets_visitors_read_the_feed_but_not_write(make_app):
    """FunCan follows ``public_read`` like every other content type (it used to ignore it)."""
    app = make_app(plugins=["funcan"], community={"public_read": True})
    author = member_client(app, "aoi")
    write(author, "A walk by the river", visibility="community")
    visitor = app.test_client()
    assert "A walk by the river" in visitor.get("/funcan/").get_data(as_text=True)
    for url in ("/funcan/mine", "/funcan/new"):
        assert visitor.get(url).status_code == 302


def test_feed_pages_past_the_end_are_404(app):
    aoi = member_client(app, "aoi")
    write(aoi, visibility="community")
    assert aoi.get("/funcan/?page=1").status_code == 200
    assert aoi.get("/funcan/?page=2").status_code == 404
    assert aoi.get("/funcan/?page=x").status_code == 404


def test_japanese_entry_end_to_end(make_app):
    app = make_app(plugins=["funcan"], community={"language": "ja"})
    aoi = member_client(app, "aoi")
    form = aoi.get("/funcan/new").get_data(as_text=True)
    assert "コミュニティと共有する" in form
    entry_id(write(aoi, "今日は散歩に行けました。", visibility="community"))
    feed = member_client(app, "ren").get("/funcan/").get_data(as_text=True)
    assert "今日は散歩に行けました。" in feed and "セルフケア" in feed
    assert write(aoi, "").status_code == 422


def test_screening_and_usage_apply_to_entries(make_app):
    from tests import recorder_plugin

    app = make_app(plugins=["funcan", "tests.recorder_plugin"])
    aoi = member_client(app, "aoi")
    recorder_plugin.calls.clear()
    blocked = write(aoi, "a forbidden thought", visibility="community")
    assert blocked.status_code == 422 and "No forbidden words." in blocked.get_data(as_text=True)
    assert "a forbidden thought" in blocked.get_data(as_text=True)  # the member's text is kept
    entry_id(write(aoi, "a good day"))
    assert [call["text"] for call in recorder_plugin.called("forum_screen")] == [
        "a forbidden thought", "a good day"]
    assert [call["function"] for call in recorder_plugin.called("forum_usage_event")
            if call["function"] != "sign_in"] == ["funcan"]


def test_without_the_plugin_routes_and_nav_are_gone(make_app):
    app = make_app()
    aoi = member_client(app, "aoi")
    for url in ("/funcan/", "/funcan/mine", "/funcan/new", "/funcan/1"):
        assert aoi.get(url).status_code == 404
    assert "/funcan/" not in aoi.get("/").get_data(as_text=True)


def test_demo_content(app):
    add_demo_content(app)
    with app.app_context():
        entries = list(db.session.scalars(select(Item).where(Item.type == "funcan")))
        assert {entry.author.username for entry in entries} == set(DEMO_MEMBERS)
        assert {entry.visibility for entry in entries} == {"private", "community"}
        assert not any("散歩" in entry.body or "絵" in entry.body for entry in entries)  # English community


def test_a_japanese_demo_community_gets_japanese_entries(make_app):
    app = make_app(plugins=["funcan"], community={"language": "ja"})
    add_demo_content(app)
    with app.app_context():
        bodies = [item.body for item in db.session.scalars(select(Item))]
    assert len(bodies) == 5 and all(has_cjk(text) for text in bodies)
