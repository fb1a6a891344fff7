"""Deleting an account removes what is the member's own, and nothing that is someone else's.

Other members' replies to the deleted member's topics stay (in their pages, their exports and
search) under a placeholder topic; the deleted member's text leaves the pages and the index;
staff accounts can go while the audit log stays append-only. This module is also a plugin
whose ``forum_after_delete`` fails, to show the other implementations still run.
"""

from __future__ import annotations

import json

import pytest
from flask import Flask
from sqlalchemy import func, select

from forum.builtins.search.tests.test_search import in_index
from forum.core.api import AuditEvent, Item, User, db, hookimpl, set_status
from forum.testing import add_board, login, member_client

THIS = "tests.test_account_deletion"
PASSWORD = "correct horse battery"
broken = {"after_delete": False}


@hookimpl
def forum_after_delete(item: Item) -> None:
    if broken["after_delete"]:
        raise ConnectionError("cache unreachable")


@pytest.fixture(autouse=True)
def _reset():
    broken["after_delete"] = False
    yield
    broken["after_delete"] = False


def community(make_app, **settings) -> Flask:
    app = make_app(plugins=["comments", THIS], community=settings,
                   flask={"PROPAGATE_EXCEPTIONS": False})
    add_board(app)
    return app


def post_topic(client, title: str, body: str) -> int:
    posted = client.post("/b/general/new", data={"title": title, "body": body})
    assert posted.status_code == 302, posted.get_data(as_text=True)
    return int(posted.headers["Location"].rsplit("/", 1)[1])


def post_reply(client, topic: int, body: str) -> None:
    assert client.post(f"/items/{topic}/replies", data={"body": body}).status_code == 302


def exported_texts(client) -> list[str]:
    return [item["text"] for item in json.loads(client.get("/me/export.json").get_data())["items"]]


def delete_account(client) -> None:
    deleted = client.post("/me/delete", data={"password": PASSWORD})
    assert deleted.status_code == 302, deleted.get_data(as_text=True)


def indexed(app: Flask, words: str) -> int:
    return in_index(app, words).total


def test_a_topic_authors_deletion_keeps_other_members_replies(make_app):
    app = community(make_app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    topic = post_topic(aoi, "Sleepless nights", "my own worries about sleep")
    post_reply(ren, topic, "a walk helps me before bed")
    post_reply(aoi, topic, "thank you, trying tonight")
    other = post_topic(aoi, "Second thread", "a second concern of mine")
    assert indexed(app, "worries") == 1 and indexed(app, "walk") == 1

    broken["after_delete"] = True  # one after-delete hook fails: the others must still run
    delete_account(aoi)

    assert exported_texts(ren) == ["a walk helps me before bed"]  # ren's own data is whole
    page = ren.get(f"/t/{topic}")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "a walk helps me before bed" in body and "A deleted member&#39;s topic" in body
    assert "worries" not in body and "Sleepless" not in body and "trying tonight" not in body
    assert ren.get(f"/t/{other}").status_code == 404  # nobody answered it: gone entirely
    assert indexed(app, "worries") == 0 and indexed(app, "sleepless") == 0
    assert indexed(app, "trying tonight") == 0 and indexed(app, "second concern") == 0
    assert indexed(app, "walk") == 1  # ren's reply is still found
    with app.app_context():
        names = set(db.session.scalars(select(User.username)))
        assert "aoi" not in names and "(deleted member)" in names
        placeholder = db.session.get(Item, topic)
        assert (placeholder.body, placeholder.status) == ("", "published")
    # the placeholder is nobody's account
    stranger = app.test_client()
    for name in ("(deleted member)", "~deleted-member"):
        response = stranger.post("/login", data={"username": name, "password": "!"})
        assert response.status_code == 422


def test_the_host_may_delete_replies_with_the_topic(make_app):
    app = community(make_app, replies_to_deleted="delete")
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    topic = post_topic(aoi, "Gone thread", "my text")
    post_reply(ren, topic, "an answer that goes too")
    assert indexed(app, "answer") == 1
    delete_account(aoi)
    assert exported_texts(ren) == []
    assert indexed(app, "answer") == 0  # the cascade-deleted reply left the index count too
    with app.app_context():
        assert db.session.scalar(select(func.count(Item.id))) == 0


def test_staff_can_delete_their_account_and_the_audit_log_stays(make_app):
    app = community(make_app)
    aoi = member_client(app, "aoi")
    topic = post_topic(aoi, "Held for a look", "some words")
    moderator = member_client(app, "sora_mod", role="moderator")
    with app.app_context():
        sora = db.session.scalar(select(User).where(User.username == "sora_mod"))
        sora_id = sora.id
        set_status(db.session.get(Item, topic), "rejected", sora, "reject", "off topic")
    delete_account(moderator)
    with app.app_context():
        entries = db.session.execute(select(AuditEvent.action, AuditEvent.actor_id)
                                     .order_by(AuditEvent.id)).all()
        assert entries[0] == ("reject", sora_id)  # kept as written: the id names nobody now
        assert entries[-1].action == "delete_account"
        assert db.session.get(User, sora_id) is None
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "reject"))
        assert event.actor is None
    assert login_fails(app, "sora_mod")


def login_fails(app: Flask, name: str) -> bool:
    try:
        login(app.test_client(), name)
    except AssertionError:
        return True
    return False


def test_a_hook_that_commits_mid_deletion_deletes_nothing(make_app, monkeypatch):
    app = community(make_app)
    aoi = member_client(app, "aoi")
    post_topic(aoi, "Mine", "my words")
    state = app.extensions["forum"]

    class Committer:
        @hookimpl
        def forum_member_delete(self, user: User) -> None:
            db.session.execute(db.delete(Item).where(Item.author_id == user.id))
            db.session.commit()  # not allowed: the deletion is one transaction

    state.manager.register(Committer(), name="committer")
    assert aoi.post("/me/delete", data={"password": PASSWORD}).status_code == 500
    with app.app_context():
        assert db.session.scalar(select(func.count(Item.id))) == 1  # all or nothing
        assert db.session.scalar(select(User.id).where(User.username == "aoi")) is not None
