"""Notifications: replies, reactions, decisions, moderators' messages; never a held item; quiet hours."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import event, select

from forum.core.api import Item, User, configure_jobs, db, set_status, submit, utcnow
from forum.testing import PASSWORD, add_board, member_client
from plugins.notifications.models import Notification
from plugins.notifications.notify import local_minute


def topic_of(app: Flask, title: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Item.id).where(Item.title == title))


def notifications_of(app: Flask, name: str) -> list[tuple[str, int]]:
    with app.app_context():
        return [(n.kind, n.count) for n in db.session.scalars(
            select(Notification).join(User, User.id == Notification.user_id)
            .where(User.username == name).order_by(Notification.id))]


def post(client, title: str, body: str = "A long week, but I walked every day.") -> None:
    assert client.post("/b/general/new", data={"title": title, "body": body}).status_code == 302


def decide(app: Flask, title: str, status: str, decision: str, moderator: str = "sora") -> None:
    """A moderator's decision through the core's one path (``set_status``)."""
    with app.app_context():
        item = db.session.scalar(select(Item).where(Item.title == title))
        mod = db.session.scalar(select(User).where(User.username == moderator))
        set_status(item, status, mod, decision, "note for the log")


# --- with the core only: decisions, the page, the count, quiet hours ---------------------------

@pytest.fixture
def app(make_app) -> Flask:
    app = make_app(plugins=["notifications"])
    add_board(app)
    return app


def test_a_decision_shows_in_the_count_and_the_page_and_opening_marks_it_read(app):
    aoi = member_client(app, "aoi")
    member_client(app, "sora", "moderator")
    post(aoi, "My week")
    assert 'aria-label="1 waiting"' not in aoi.get("/").get_data(as_text=True)
    decide(app, "My week", "rejected", "reject")
    home = aoi.get("/").get_data(as_text=True)
    assert "Notifications" in home and 'aria-label="1 waiting"' in home
    page = aoi.get("/notifications/").get_data(as_text=True)
    assert "A moderator did not publish your post" in page and "note for the log" not in page
    [row_id] = [n for n in _ids(app, "aoi")]
    response = aoi.post(f"/notifications/{row_id}")
    assert response.status_code == 302 and response.headers["Location"] == f"/t/{topic_of(app, 'My week')}"
    assert 'aria-label="1 waiting"' not in aoi.get("/").get_data(as_text=True)


def _ids(app: Flask, name: str) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(Notification.id).join(User, User.id == Notification.user_id)
                                       .where(User.username == name)))


def test_nobody_opens_or_sees_another_members_notifications(app):
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    member_client(app, "sora", "moderator")
    post(aoi, "My week")
    decide(app, "My week", "published", "approve")
    [row_id] = _ids(app, "aoi")
    assert ren.post(f"/notifications/{row_id}").status_code == 404
    assert "published your post" not in ren.get("/notifications/").get_data(as_text=True)
    assert app.test_client().get("/notifications/").status_code == 302  # to sign in


def test_the_unread_count_costs_one_query_per_page(app):
    aoi = member_client(app, "aoi")
    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def note(*args) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", note)
    aoi.get("/")
    event.remove(engine, "before_cursor_execute", note)
    assert len([s for s in statements if "FROM notifications" in s]) == 1


def test_mark_all_read(app):
    aoi = member_client(app, "aoi")
    member_client(app, "sora", "moderator")
    post(aoi, "One")
    post(aoi, "Two")
    decide(app, "One", "rejected", "reject")
    decide(app, "Two", "rejected", "reject")
    assert 'aria-label="2 waiting"' in aoi.get("/").get_data(as_text=True)
    aoi.post("/notifications/read")
    assert "waiting" not in aoi.get("/").get_data(as_text=True).split("<main")[0]


def quiet_hours_around_now(app: Flask, inside: bool) -> tuple[str, str]:
    with app.app_context():
        minute = local_minute(utcnow())
    start = (minute - 60) % 1440 if inside else (minute + 60) % 1440
    end = (minute + 60) % 1440 if inside else (minute + 120) % 1440
    return f"{start // 60:02d}:{start % 60:02d}", f"{end // 60:02d}:{end % 60:02d}"


def mailing_app(make_app, port: int) -> Flask:
    app = make_app(plugins=["notifications"], notifications={
        "email": True, "smtp_host": "127.0.0.1", "smtp_port": port, "base_url": "https://forum.example",
        "timezone": "Asia/Tokyo"})
    with app.app_context():
        configure_jobs(app, consumer="worker")  # jobs run when the test says
    add_board(app)
    return app


@pytest.mark.parametrize("inside", [True, False])
def test_quiet_hours_keep_email_away_but_not_the_notification(make_app, smtp_server, inside):
    port, mailbox = smtp_server
    app = mailing_app(make_app, port)
    aoi = member_client(app, "aoi")
    member_client(app, "sora", "moderator")
    start, end = quiet_hours_around_now(app, inside)
    response = aoi.post("/notifications/settings", data={"email": "aoi@example.org", "quiet_start": start,
                                                         "quiet_end": end})
    assert response.status_code == 302
    post(aoi, "A private worry about my sister")
    decide(app, "A private worry about my sister", "rejected", "reject")
    assert notifications_of(app, "aoi") == [("decision", 1)]
    ran = app.extensions["forum_jobs"].run_pending(utcnow() + timedelta(seconds=5))
    if inside:
        assert ran == 0 and mailbox.messages == []
        return
    assert ran == 1 and mailbox.recipients == [["aoi@example.org"]]
    sent = mailbox.messages[0].as_string()
    assert "https://forum.example/notifications" in sent
    assert "sister" not in sent and "note for the log" not in sent  # no member or moderator text


def test_bad_settings_are_refused_with_what_was_typed_kept(app):
    aoi = member_client(app, "aoi")
    response = aoi.post("/notifications/settings", data={"quiet_start": "25:00", "quiet_end": "7"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Write the time as HH:MM" in page and 'value="25:00"' in page


def test_export_and_delete(app):
    aoi = member_client(app, "aoi")
    member_client(app, "sora", "moderator")
    post(aoi, "My week")
    decide(app, "My week", "rejected", "reject")
    exported = json.loads(aoi.get("/me/export.json").get_data(as_text=True))
    assert [n["kind"] for n in exported["notifications"]["received"]] == ["decision"]
    assert aoi.post("/me/delete", data={"password": PASSWORD}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Notification.id)) is None


# --- with replies (comments) and moderation ----------------------------------------------------

def decide_reply(app: Flask, reply_id: int, status: str, decision: str) -> None:
    with app.app_context():
        moderator = db.session.scalar(select(User).where(User.username == "sora"))
        set_status(db.session.get(Item, reply_id), status, moderator, decision)


def test_replies_notify_the_author_once_public_and_never_while_held(make_app):
    pytest.importorskip("plugins.comments")
    pytest.importorskip("plugins.moderation")
    app = make_app(plugins=["comments", "moderation", "notifications"], community={"moderation": "pre"})
    add_board(app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    sora = member_client(app, "sora", "moderator")
    post(sora, "Welcome thread")  # a moderator's post is public at once in "pre"
    topic = topic_of(app, "Welcome thread")
    assert aoi.post(f"/items/{topic}/replies", data={"body": "Hello, I am new here."}).status_code == 302
    assert notifications_of(app, "sora") == []  # the reply is held: nobody is told
    assert "replied" not in sora.get("/notifications/").get_data(as_text=True)
    with app.app_context():
        reply = db.session.scalar(select(Item).where(Item.type == "reply"))
        reply_id = reply.id
    decide_reply(app, reply_id, "published", "approve")
    assert ("reply", 1) in notifications_of(app, "sora")
    page = sora.get("/notifications/").get_data(as_text=True)
    assert "aoi replied to “Welcome thread”" in page
    decide_reply(app, reply_id, "rejected", "reject")
    assert [kind for kind, _count in notifications_of(app, "sora")] == []
    ren.post(f"/items/{topic}/replies", data={"body": "Me too."})
    assert notifications_of(app, "ren") == []


def test_a_moderators_message_and_a_check_in_reach_the_member(make_app):
    pytest.importorskip("plugins.moderation")
    from plugins.moderation import decisions, outreach
    from plugins.moderation.models import ModerationItem

    app = make_app(plugins=["moderation", "notifications"], community={"moderation": "pre"})
    add_board(app)
    aoi = member_client(app, "aoi")
    member_client(app, "sora", "moderator")
    post(aoi, "My week")
    with app.test_request_context():
        entry = db.session.scalar(select(ModerationItem))
        sora = db.session.scalar(select(User).where(User.username == "sora"))
        decisions.reject(entry, sora, "Please leave out the name of your clinic.", "")
        outreach.write_to_member(entry, sora, "How are you doing today?")
    assert notifications_of(app, "aoi") == [("decision", 1), ("check_in", 1)]
    page = aoi.get("/notifications/").get_data(as_text=True)
    assert "A moderator did not publish your post, with a message for you" in page
    assert "A moderator wrote to you privately" in page
    assert "clinic" not in page and "How are you" not in page  # the page links; it does not quote


# --- with reactions -------------------------------------------------------------------------------

@pytest.mark.parametrize("name_reactors", [False, True])
def test_reactions_are_one_line_per_item_per_day_and_name_nobody_unless_allowed(make_app, name_reactors):
    pytest.importorskip("plugins.reactions")
    app = make_app(plugins=["reactions", "notifications"], reactions={"discussion": ["like", "great"]},
                   notifications={"name_reactors": name_reactors})
    add_board(app)
    aoi = member_client(app, "aoi")
    post(aoi, "My week")
    topic = topic_of(app, "My week")
    for name in ("ren", "mio"):
        client = member_client(app, name)
        client.post(f"/items/{topic}/reactions/like")
        client.post(f"/items/{topic}/reactions/great")
    aoi.post(f"/items/{topic}/reactions/like")  # one's own: refused, and no notification
    assert notifications_of(app, "aoi") == [("reaction", 4)]
    page = aoi.get("/notifications/").get_data(as_text=True)
    expected = "4 reactions to your post, from ren, mio: “My week”" if name_reactors else \
        "4 reactions to your post: “My week”"
    assert expected in page
    assert ("ren" in page.split("<main")[1]) is name_reactors
    with app.app_context():
        row = db.session.scalar(select(Notification))
        row.day = row.day - timedelta(days=1)  # yesterday's line stays as it was
        db.session.commit()
    member_client(app, "kai").post(f"/items/{topic}/reactions/like")
    assert notifications_of(app, "aoi") == [("reaction", 4), ("reaction", 1)]


def test_a_reaction_taken_back_no_longer_counts(make_app):
    pytest.importorskip("plugins.reactions")
    app = make_app(plugins=["reactions", "notifications"], reactions={"discussion": ["like", "great"]})
    add_board(app)
    aoi = member_client(app, "aoi")
    post(aoi, "My week")
    topic = topic_of(app, "My week")
    ren = member_client(app, "ren")
    ren.post(f"/items/{topic}/reactions/like")
    ren.post(f"/items/{topic}/reactions/like")  # taken back
    assert notifications_of(app, "aoi") == []
    ren.post(f"/items/{topic}/reactions/like")
    ren.post(f"/items/{topic}/reactions/like")
    ren.post(f"/items/{topic}/reactions/great")
    assert notifications_of(app, "aoi") == [("reaction", 1)]
    assert "1 reaction to your post" in aoi.get("/notifications/").get_data(as_text=True)


def test_no_reaction_notification_for_a_held_item(make_app):
    pytest.importorskip("plugins.reactions")
    app = make_app(plugins=["reactions", "notifications"], reactions={"discussion": ["like"]})
    add_board(app)
    member_client(app, "aoi")
    with app.app_context():
        author = db.session.scalar(select(User).where(User.username == "aoi"))
        held = Item(type="discussion", author=author, board_id=1, visibility="community", title="Held one")
        submit(held, {"title": "Held one", "body": "text"}, is_new=True)
        held.status = "held"
        db.session.commit()
        held_id = held.id
    ren = member_client(app, "ren")
    assert ren.post(f"/items/{held_id}/reactions/like").status_code == 404
    assert notifications_of(app, "aoi") == []
