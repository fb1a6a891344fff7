from sqlalchemy import select

from forum.core.api import Item, db
from forum.testing import NOTE_PLUGIN, add_board, member_client


def _topic(client, title="Topic", body="Hello"):
    response = client.post("/b/general/new", data={"title": title, "body": body})
    assert response.status_code == 302
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def _app(make_app, **community):
    app = make_app(plugins=["comments"], community=community)
    add_board(app)
    return app


def test_member_replies_and_reply_is_listed(make_app):
    app = _app(make_app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    topic = _topic(aoi)
    response = ren.post(f"/items/{topic}/replies", data={"body": "You are **not** alone"})
    assert response.status_code == 302 and "#item-" in response.headers["Location"]
    page = aoi.get(f"/t/{topic}").get_data(as_text=True)
    assert "<strong>not</strong> alone" in page
    assert "1 reply" in page
    assert "1 reply" in aoi.get("/b/general").get_data(as_text=True)


def test_empty_and_overlong_replies_get_form_messages(make_app):
    app = make_app(plugins=["comments"], comments={"max_length": 20})
    add_board(app)
    aoi = member_client(app, "aoi")
    topic = _topic(aoi)
    empty = aoi.post(f"/items/{topic}/replies", data={"body": "  "})
    assert empty.status_code == 422 and "Write a reply first." in empty.get_data(as_text=True)
    long = aoi.post(f"/items/{topic}/replies", data={"body": "x" * 21})
    assert long.status_code == 422
    body = long.get_data(as_text=True)
    assert "under 20 characters" in body and "x" * 21 in body  # the member's text is kept


def test_replies_refused_on_types_without_comment_policy(make_app):
    app = make_app(plugins=["comments"], comments={"types": []})
    add_board(app)
    aoi = member_client(app, "aoi")
    topic = _topic(aoi)
    response = aoi.post(f"/items/{topic}/replies", data={"body": "hi"})
    assert response.status_code == 403
    assert "reactions only" in response.get_data(as_text=True)
    assert "Your reply" not in aoi.get(f"/t/{topic}").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Item).where(Item.type == "reply")) is None


def test_replies_under_an_entry_type_named_in_the_config(make_app):
    """Any content type may take replies (here the fake note type), only while it is shared."""
    app = make_app(plugins=["comments", NOTE_PLUGIN], comments={"types": ["discussion", "note"]})
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    note = aoi.post("/notes/new", data={"text": "A good day", "visibility": "community"})
    note_id = int(note.headers["Location"].rsplit("/", 1)[1])
    assert "Your reply" in ren.get(f"/notes/{note_id}").get_data(as_text=True)
    assert ren.post(f"/items/{note_id}/replies", data={"body": "Glad to *hear* it"}).status_code == 302
    assert "<em>hear</em> it" in aoi.get(f"/notes/{note_id}").get_data(as_text=True)
    aoi.post(f"/items/{note_id}/visibility", data={"visibility": "private"})
    assert ren.post(f"/items/{note_id}/replies", data={"body": "Still there?"}).status_code == 404
    with app.app_context():
        assert [r.body for r in db.session.scalars(select(Item).where(Item.parent_id == note_id))] == [
            "Glad to *hear* it"]


def test_only_the_author_edits_or_deletes_a_reply(make_app):
    app = _app(make_app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    topic = _topic(aoi)
    ren.post(f"/items/{topic}/replies", data={"body": "first words"})
    with app.app_context():
        reply_id = db.session.scalar(select(Item.id).where(Item.type == "reply"))
    assert aoi.get(f"/replies/{reply_id}/edit").status_code == 404
    assert aoi.post(f"/items/{reply_id}/delete").status_code == 404
    assert ren.post(f"/replies/{reply_id}/edit", data={"body": "better words"}).status_code == 302
    assert "better words" in aoi.get(f"/t/{topic}").get_data(as_text=True)
    assert ren.post(f"/items/{reply_id}/delete", data={"next": f"/t/{topic}"}).status_code == 302
    assert "better words" not in aoi.get(f"/t/{topic}").get_data(as_text=True)
    assert aoi.get(f"/replies/{reply_id}").status_code == 404


def test_held_reply_is_seen_by_its_author_only(make_app):
    app = make_app(plugins=["comments", "tests.recorder_plugin"], community={"moderation": "pre"})
    add_board(app)
    host = member_client(app, "hikari", role="host")
    topic = _topic(host)  # hosts' own posts are not pre-moderated
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    aoi.post(f"/items/{topic}/replies", data={"body": "waiting words"})
    assert "waiting words" in aoi.get(f"/t/{topic}").get_data(as_text=True)
    assert "Waiting for review" in aoi.get(f"/t/{topic}").get_data(as_text=True)
    other = ren.get(f"/t/{topic}").get_data(as_text=True)
    assert "waiting words" not in other and "0 replies" in other
    assert "0 replies" in ren.get("/b/general").get_data(as_text=True)


def test_unknown_comment_type_is_a_start_up_error(make_app):
    import pytest

    from forum import ConfigError

    with pytest.raises(ConfigError, match=r"\[comments\] types names 'funcan'"):
        make_app(plugins=["comments"], comments={"types": ["funcan"]})


def test_without_the_plugin_there_are_no_reply_routes(make_app):
    app = make_app()
    add_board(app)
    aoi = member_client(app, "aoi")
    topic = _topic(aoi)
    assert aoi.post(f"/items/{topic}/replies", data={"body": "hi"}).status_code == 404
