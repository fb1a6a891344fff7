"""Role badges: hosts give them (never to themselves), bylines and member pages show them with
one query per page, members cannot give them, and moderators and hosts are marked by the core."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import event, select

from forum.core.api import AuditEvent, Board, Item, User, db, submit
from forum.testing import add_board, add_user, login
from plugins.badges.models import Badge


@pytest.fixture
def app(make_app) -> Flask:
    app = make_app(plugins=["badges"], badges={"roles": ["peer_supporter", "clinician", "night_owl"]})
    add_board(app)
    for name, role in (("aoi", "member"), ("ren", "member"), ("sora_mod", "moderator"),
                       ("hikari", "host"), ("mei", "host")):
        add_user(app, name, role)
    return app


def client_of(app: Flask, name: str):
    client = app.test_client()
    login(client, name)
    return client


def topic(app: Flask, author: str, title: str) -> int:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == author))
        item = Item(type="discussion", author=user, visibility="community",
                    board_id=db.session.scalar(select(Board.id)))
        assert submit(item, {"title": title, "body": "hello"}, is_new=True).saved
        return item.id


def give(client, name: str, role: str = "peer_supporter", note: str = ""):
    return client.post("/badges", data={"username": name, "role": role, "note": note})


def test_host_gives_a_badge_shown_in_bylines_and_on_the_page(app):
    host = client_of(app, "hikari")
    assert give(host, "aoi", "clinician", "Registered nurse <b>2024</b>").status_code == 302
    topic_id = topic(app, "aoi", "A question")
    page = host.get(f"/t/{topic_id}").get_data(as_text=True)
    note = "Registered nurse &lt;b&gt;2024&lt;/b&gt;"
    assert f'<span class="tag role-badge" title="{note}">Clinician</span>' in page
    board = host.get("/b/general").get_data(as_text=True)
    assert "Clinician" in board
    profile = app.test_client().get("/u/aoi").get_data(as_text=True)
    assert "Clinician" in profile and "Registered nurse &lt;b&gt;2024&lt;/b&gt;" in profile
    # A role of the host's own words is shown as written.
    give(host, "ren", "night_owl")
    assert "night owl" in host.get("/u/ren").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "give_badge"))


def test_badges_are_not_self_assignable(app):
    member = client_of(app, "aoi")
    assert give(member, "aoi").status_code == 403
    assert give(client_of(app, "sora_mod"), "aoi").status_code == 403
    assert member.post("/badges/remove", data={"user_id": "1"}).status_code == 403
    response = give(client_of(app, "hikari"), "hikari")
    assert response.status_code == 422 and "never to yourself" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(Badge)).all() == []


def test_bad_input_is_a_clear_422(app):
    host = client_of(app, "hikari")
    unknown = give(host, "nobody")
    assert unknown.status_code == 422 and "No member has that pseudonym" in unknown.get_data(as_text=True)
    bad_role = give(host, "aoi", "surgeon")
    assert bad_role.status_code == 422
    assert give(host, "aoi", note="x" * 201).status_code == 422


def test_staff_are_marked_by_the_core(app):
    topic_id = topic(app, "sora_mod", "Welcome")
    page = app.test_client().get(f"/t/{topic_id}").get_data(as_text=True)
    assert '<span class="tag role-badge staff">Moderator</span>' in page
    host_topic = topic(app, "hikari", "Rules")
    host_page = app.test_client().get(f"/t/{host_topic}").get_data(as_text=True)
    assert '<span class="tag role-badge staff">Host</span>' in host_page


def test_one_query_for_every_byline(app):
    host = client_of(app, "hikari")
    for name in ("aoi", "ren"):
        give(host, name)
    for number in range(12):
        topic(app, ("aoi", "ren", "sora_mod")[number % 3], f"topic {number}")
    statements: list[str] = []
    with app.app_context():
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            page = host.get("/b/general").get_data(as_text=True)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
    assert page.count("role-badge\">Peer supporter<") == 8
    assert sum("FROM badges" in sql for sql in statements) == 1


def test_remove_export_delete(app):
    host = client_of(app, "hikari")
    give(host, "aoi", note="trained")
    assert client_of(app, "aoi").get("/me/export.json").get_json()["badge"] == {
        "role": "peer_supporter", "note": "trained"}
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.username == "aoi"))
    assert host.post("/badges/remove", data={"user_id": str(user_id)}).status_code == 302
    assert "role-badge\">Peer supporter<" not in host.get("/u/aoi").get_data(as_text=True)
