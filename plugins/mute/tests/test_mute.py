"""Mute and block: the muted member's items vanish from every page, feed, count and search of
the member who muted; a blocked member can neither see, reply to nor react to the blocker's items
and learns nothing; staff are never hidden. Runs with only the core, the note type and mute."""

from __future__ import annotations

import os

import pytest
from flask import Flask
from sqlalchemy import select

from forum.core.api import Board, Item, User, db, submit
from forum.testing import NOTE_PLUGIN, add_board, add_user, login
from plugins.mute.models import Mute

BACKENDS = ["whoosh", "postgresql"] if os.environ.get("FORUM_TEST_DATABASE_URL") else ["whoosh"]


@pytest.fixture(params=BACKENDS)
def app(request, make_app, database_url) -> Flask:
    if request.param == "postgresql" and not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL search needs the PostgreSQL database")
    app = make_app(plugins=["mute", NOTE_PLUGIN], search={"backend": request.param})
    add_board(app)
    for name in ("aoi", "ren", "kai"):
        add_user(app, name)
    add_user(app, "sora_mod", "moderator")
    return app


def client_of(app: Flask, name: str):
    client = app.test_client()
    login(client, name)
    return client


def write(app: Flask, author: str, body: str, *, kind: str = "discussion", parent: int | None = None) -> int:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == author))
        board = db.session.scalar(select(Board))
        item = Item(type=kind, author=user, visibility="community", parent_id=parent,
                    board_id=board.id if kind == "discussion" else None)
        texts = {"body": body} | ({"title": f"{body} title"} if kind == "discussion" else {})
        assert submit(item, texts, is_new=True).saved
        return item.id


def mute(client, name: str, kind: str = "mute"):
    return client.post(f"/u/{name}/mute", data={"kind": kind})


def pages(client, topic_id: int) -> str:
    """Every list a member reads, joined: board, topic (with reply count), note feed, profile."""
    return "".join(client.get(path).get_data(as_text=True) for path in (
        "/b/general", f"/t/{topic_id}", "/notes/", "/u/ren"))


def results(client, word: str) -> int:
    """How many results the page lists; the count it states must agree."""
    page = client.get(f"/search?q={word}").get_data(as_text=True)
    listed = page.count("<h3>")
    if listed:
        assert f">{listed} result" in page, "the stated count includes hidden items"
    return listed


def test_muted_member_vanishes_everywhere_for_the_muter(app):
    aoi, kai = client_of(app, "aoi"), client_of(app, "kai")
    own_topic = write(app, "aoi", "harbour")
    ren_topic = write(app, "ren", "lighthouse")
    write(app, "ren", "lighthouse note", kind="note")
    assert "lighthouse" in pages(aoi, own_topic) and results(aoi, "lighthouse") == 2

    assert mute(aoi, "ren").status_code == 302
    assert "lighthouse" not in pages(aoi, own_topic)
    assert results(aoi, "lighthouse") == 0
    assert aoi.get(f"/t/{ren_topic}").status_code == 404
    # Others still see ren; ren still sees aoi and is not told.
    assert "lighthouse" in kai.get("/b/general").get_data(as_text=True)
    ren = client_of(app, "ren")
    assert "harbour" in ren.get("/b/general").get_data(as_text=True)
    assert "muted" not in ren.get("/u/aoi").get_data(as_text=True).lower()


def test_search_count_leaves_muted_members_out(app):
    aoi = client_of(app, "aoi")
    write(app, "ren", "quokka")
    write(app, "kai", "quokka")
    assert results(aoi, "quokka") == 2
    mute(aoi, "ren")
    assert results(aoi, "quokka") == 1


def test_blocked_member_cannot_see_or_answer_and_learns_nothing(app):
    aoi, ren = client_of(app, "aoi"), client_of(app, "ren")
    topic = write(app, "aoi", "garden")
    note = write(app, "aoi", "gardennote", kind="note")
    assert mute(aoi, "ren", "block").status_code == 302
    assert ren.get(f"/t/{topic}").status_code == 404
    assert ren.get(f"/notes/{note}").status_code == 404
    assert "garden" not in ren.get("/b/general").get_data(as_text=True)
    assert "garden" not in ren.get("/notes/").get_data(as_text=True)
    assert results(ren, "garden") == 0
    # aoi's member page looks to ren like any member's: no hint of the block.
    profile = ren.get("/u/aoi").get_data(as_text=True)
    assert "blocked" not in profile.lower() and "Block aoi" in profile
    # The blocker does not see the blocked member either.
    ren_topic = write(app, "ren", "meadow")
    assert aoi.get(f"/t/{ren_topic}").status_code == 404


def test_staff_are_never_hidden_and_never_hide(app):
    aoi, mod = client_of(app, "aoi"), client_of(app, "sora_mod")
    topic = write(app, "sora_mod", "welcome")
    response = mute(aoi, "sora_mod", "block")
    assert response.status_code == 403 and "tell a host" in response.get_data(as_text=True)
    assert aoi.get(f"/t/{topic}").status_code == 200
    assert mute(mod, "aoi").status_code == 403
    # A member muted before becoming a moderator is shown again.
    mute(aoi, "kai")
    kai_topic = write(app, "kai", "notice")
    assert aoi.get(f"/t/{kai_topic}").status_code == 404
    with app.app_context():
        db.session.scalar(select(User).where(User.username == "kai")).role = "moderator"
        db.session.commit()
    assert aoi.get(f"/t/{kai_topic}").status_code == 200


def test_bad_requests_and_undo(app):
    aoi = client_of(app, "aoi")
    assert mute(aoi, "ren", "forever").status_code == 400
    assert mute(aoi, "nobody").status_code == 404
    assert mute(aoi, "aoi").status_code == 403
    assert app.test_client().post("/u/ren/mute", data={"kind": "mute"}).status_code in (302, 401)
    mute(aoi, "ren")
    listing = aoi.get("/muted").get_data(as_text=True)
    assert "ren" in listing and "Muted" in listing
    topic = write(app, "ren", "pond")
    assert aoi.get(f"/t/{topic}").status_code == 404
    mute(aoi, "ren", "none")
    assert aoi.get(f"/t/{topic}").status_code == 200
    assert "ren" not in aoi.get("/muted").get_data(as_text=True).split("<main")[-1]


def test_export_and_delete(app):
    aoi = client_of(app, "aoi")
    mute(aoi, "ren", "block")
    export = aoi.get("/me/export.json").get_json()
    assert export["muted"] == [{"member": "ren", "kind": "block", "since": export["muted"][0]["since"]}]
    ren_export = client_of(app, "ren").get("/me/export.json").get_json()
    assert ren_export.get("muted") == []  # never who blocked them
    with app.app_context():
        from forum.core.api import hook

        user = db.session.scalar(select(User).where(User.username == "ren"))
        hook().forum_member_delete(user=user)
        db.session.commit()
        assert db.session.scalars(select(Mute)).all() == []
