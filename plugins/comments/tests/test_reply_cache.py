"""Replies on a topic page: never a held, rejected, private or deleted one, for
visitors or members; paginated; a constant number of statements whatever their number."""

import pytest
from sqlalchemy import event, select

from forum.core.api import Item, User, db, delete_item, set_status
from forum.testing import add_board, add_user, member_client


def _app(make_app, **tables):
    app = make_app(**{"plugins": ["comments"], **tables})
    add_board(app)
    return app


def _topic(client):
    response = client.post("/b/general/new", data={"title": "A hard week", "body": "Hello"})
    assert response.status_code == 302
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def _reply(client, topic, body):
    response = client.post(f"/items/{topic}/replies", data={"body": body})
    assert response.status_code == 302
    return int(response.headers["Location"].split("#item-")[1])


def _decide(app, item_id, status):
    with app.app_context():
        item = db.session.get(Item, item_id)
        host = db.session.scalar(select(User).where(User.username == "host"))
        if status == "deleted":
            delete_item(item, host)
        else:
            set_status(item, status, host, status)


@pytest.mark.parametrize("status", ["held", "rejected", "deleted"])
def test_a_reply_taken_down_is_never_served_from_the_cache(make_app, status):
    app = _app(make_app)
    add_user(app, "host", role="host")
    aoi, ren, mio = (member_client(app, name) for name in ("aoi", "ren", "mio"))
    visitor = app.test_client()
    topic = _topic(aoi)
    reply = _reply(ren, topic, "Words that will be taken down")
    for reader in (visitor, aoi, mio, ren):  # every reader, including the visitor page cache
        assert "Words that will be taken down" in reader.get(f"/t/{topic}").get_data(as_text=True)
    _decide(app, reply, status)
    for reader in (visitor, aoi, mio):
        page = reader.get(f"/t/{topic}").get_data(as_text=True)
        assert "Words that will be taken down" not in page and "0 replies" in page
    own = ren.get(f"/t/{topic}").get_data(as_text=True)
    assert ("Words that will be taken down" in own) is (status != "deleted")


def test_an_edited_reply_shows_its_new_text_at_once(make_app):
    app = _app(make_app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    topic = _topic(aoi)
    reply = _reply(ren, topic, "First wording")
    assert "First wording" in aoi.get(f"/t/{topic}").get_data(as_text=True)
    assert ren.post(f"/replies/{reply}/edit", data={"body": "Second wording"}).status_code == 302
    page = aoi.get(f"/t/{topic}").get_data(as_text=True)
    assert "Second wording" in page and "First wording" not in page


def test_only_the_author_gets_edit_buttons_on_a_cached_reply(make_app):
    app = _app(make_app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    topic = _topic(aoi)
    reply = _reply(ren, topic, "Mine")
    assert f"/replies/{reply}/edit" in ren.get(f"/t/{topic}").get_data(as_text=True)
    assert f"/replies/{reply}/edit" not in aoi.get(f"/t/{topic}").get_data(as_text=True)
    assert f"/replies/{reply}/edit" not in app.test_client().get(f"/t/{topic}").get_data(as_text=True)


def _add_replies(app, topic, count):
    with app.app_context():
        parent = db.session.get(Item, topic)
        db.session.add_all(Item(type="reply", author_id=parent.author_id, parent_id=topic,
                                board_id=parent.board_id, body=f"reply number {n}.",
                                body_html=f"<p>reply number {n}.</p>") for n in range(count))
        db.session.commit()


def test_replies_are_paginated_with_the_newest_page_linked(make_app):
    app = _app(make_app, comments={"per_page": 10})
    aoi = member_client(app, "aoi")
    topic = _topic(aoi)
    _add_replies(app, topic, 25)
    first = aoi.get(f"/t/{topic}").get_data(as_text=True)
    assert first.count('class="reply"') == 10 and "25 replies" in first
    assert "reply number 0." in first and "reply number 10." not in first
    assert f'href="/t/{topic}?page=3#replies-{topic}"' in first  # the newest page
    last = aoi.get(f"/t/{topic}?page=3").get_data(as_text=True)
    assert last.count('class="reply"') == 5 and "reply number 24." in last
    assert aoi.get(f"/t/{topic}?page=4").status_code == 404
    assert aoi.get(f"/t/{topic}?page=x").status_code == 404


def _statements(app, client, path):
    seen = []
    with app.app_context():
        engine = db.engine
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return len(seen)


def test_a_topic_page_makes_the_same_few_statements_whatever_its_replies(make_app):
    app = _app(make_app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    topic = _topic(aoi)
    _reply(ren, topic, "one")
    ren.get(f"/t/{topic}")  # warm: the fragments are cached
    few = _statements(app, ren, f"/t/{topic}")
    _add_replies(app, topic, 60)
    ren.get(f"/t/{topic}")
    assert _statements(app, ren, f"/t/{topic}") == few <= 5


def _set_user(app, name, **values):
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == name))
        for column, value in values.items():
            setattr(user, column, value)
        db.session.commit()


def test_a_cached_byline_follows_its_authors_name_and_role(make_app):
    app = _app(make_app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    topic = _topic(aoi)
    _reply(ren, topic, "Kind words")
    assert ">ren</a>" in aoi.get(f"/t/{topic}").get_data(as_text=True)  # now cached
    _set_user(app, "ren", username="ren_new", role="moderator")
    page = aoi.get(f"/t/{topic}").get_data(as_text=True)
    assert ">ren_new</a>" in page and ">ren</a>" not in page and "Moderator" in page


def test_each_reader_gets_a_cached_reply_in_their_own_time_zone(make_app):
    app = _app(make_app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    topic = _topic(aoi)
    _reply(ren, topic, "Evening thoughts")
    _set_user(app, "aoi", timezone="Asia/Tokyo")
    _set_user(app, "ren", timezone="America/New_York")
    tokyo = aoi.get(f"/t/{topic}").get_data(as_text=True)
    new_york = ren.get(f"/t/{topic}").get_data(as_text=True)
    assert "JST" in tokyo and "JST" not in new_york
    assert "EST" in new_york or "EDT" in new_york


def test_a_private_reply_is_never_stored(make_app):
    app = _app(make_app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    topic = _topic(aoi)
    reply = _reply(ren, topic, "Only for review")
    _decide(app, reply, "held")
    assert "Only for review" in ren.get(f"/t/{topic}").get_data(as_text=True)  # its author sees it
    from plugins.comments.rendering import STORE

    stored = app.extensions[STORE]
    assert not any(key.startswith(f"{reply}|") for key in stored._entries)
