"""Partial outages and failures after the commit: help stays reachable, a saved post is never
an error page, and the error pages themselves need no database.

This module is also a small plugin (``THIS``): an after-publish hook that fails on demand, and
a route that breaks the session the way a bad statement does.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Blueprint, Flask
from sqlalchemy import func, select, text

from forum import create_app
from forum.builtins.search.index import backend
from forum.builtins.search.tests.test_search import in_index
from forum.core.api import Item, User, db, hookimpl
from forum.core.jobs import Job, configure, enqueue, job_handler
from forum.testing import add_board, member_client

THIS = "tests.test_reliability"
RESOURCE = {"name": "Lifeline 24/7", "phone": "0120 000 000"}
failing = {"after_publish": False}
bp = Blueprint("reliability_probe", __name__)
probe: dict[str, Any] = {}


@hookimpl
def forum_configure(app: Flask) -> None:
    app.register_blueprint(bp)

    @app.after_request
    def session_still_usable(response: Any) -> Any:
        probe["after_error"] = db.session.scalar(select(1))  # PendingRollbackError without rollback
        return response


@hookimpl
def forum_after_publish(item: Item) -> None:
    if failing["after_publish"]:
        raise ConnectionError("the cache is down")


@bp.route("/probe/broken-flush")
def broken_flush() -> str:
    db.session.add(User(username=None, username_key=None, password_hash="x"))
    db.session.flush()  # IntegrityError: NOT NULL
    return "unreachable"


@pytest.fixture(autouse=True)
def _reset() -> Iterator[None]:
    failing["after_publish"] = False
    probe.clear()
    yield
    failing["after_publish"] = False


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket closes


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A loopback port that accepts connections and never says a word (a hung database)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(timeout=2)
    for connection in accepted:
        connection.close()
    server.close()


def outage_app(tmp_path: Any, database_url: str, **tables: Any) -> Flask:
    """An app whose database (and maybe cache) is unreachable; nothing is created up front."""
    settings = {"community": {"crisis_resources": [RESOURCE], "moderation": "post",
                              "public_read": True},
                "database": {"url": database_url, "timeout_seconds": 2}, **tables}
    return create_app(None, settings=settings, instance_path=str(tmp_path / "outage"),
                      SECRET_KEY="test", RATELIMIT_ENABLED=False)


def signed_in(app: Flask) -> Any:
    """A client carrying a member's session cookie (loading that member needs the database)."""
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1"
    return client


def test_help_answers_with_the_database_and_redis_unreachable(tmp_path):
    dead_db = f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/forum"
    app = outage_app(tmp_path, dead_db,
                     cache={"anonymous_seconds": 10, "url": f"redis://127.0.0.1:{closed_port()}/0"},
                     limits={"storage_uri": f"redis://127.0.0.1:{closed_port()}/0"})
    for client in (app.test_client(), signed_in(app)):
        started = time.monotonic()
        page = client.get("/help")
        assert page.status_code == 200
        body = page.get_data(as_text=True)
        assert "Lifeline 24/7" in body and 'href="tel:0120000000"' in body
        assert "You are not alone" in body  # the host's crisis message
        assert page.headers["X-Frame-Options"] == "DENY"
        assert time.monotonic() - started < 1  # never waited on a server


def test_database_down_answers_503_with_the_crisis_resources(tmp_path):
    app = outage_app(tmp_path, f"postgresql+psycopg://postgres@127.0.0.1:{closed_port()}/forum")
    for client in (app.test_client(), signed_in(app)):
        page = client.get("/")
        assert page.status_code == 503
        assert page.headers["Retry-After"] == "30"
        body = page.get_data(as_text=True)
        assert "The forum is unavailable for a moment" in body and "Lifeline 24/7" in body


def test_a_database_that_never_answers_fails_within_the_timeout(tmp_path, silent_server):
    app = outage_app(tmp_path, f"postgresql+psycopg://postgres@127.0.0.1:{silent_server}/forum")
    started = time.monotonic()
    page = signed_in(app).get("/")
    elapsed = time.monotonic() - started
    assert page.status_code == 503
    assert elapsed < 2 + 3  # timeout_seconds = 2, plus the page; without it this hangs for good
    assert "Lifeline 24/7" in page.get_data(as_text=True)


def test_the_500_page_rolls_the_session_back(make_app):
    app = make_app(plugins=[THIS], community={"crisis_resources": [RESOURCE]},
                   flask={"PROPAGATE_EXCEPTIONS": False})
    client = member_client(app, "aoi")
    page = client.get("/probe/broken-flush")
    assert page.status_code == 500
    body = page.get_data(as_text=True)
    assert "Something went wrong on our side" in body and "Lifeline 24/7" in body
    assert probe["after_error"] == 1  # the same session answered a query after the error


def topic_count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Item.id)))


def test_a_failure_after_the_commit_shows_the_saved_post(make_app):
    app = make_app(plugins=[THIS], flask={"PROPAGATE_EXCEPTIONS": False})
    add_board(app)
    client = member_client(app, "aoi")
    failing["after_publish"] = True
    posted = client.post("/b/general/new", data={"title": "Still here", "body": "saved words"})
    assert posted.status_code == 302 and posted.headers["Location"] == "/t/1"
    page = client.get("/t/1")
    assert page.status_code == 200 and "saved words" in page.get_data(as_text=True)
    assert "Saved." in page.get_data(as_text=True)
    assert in_index(app, "saved words").item_ids == [1]  # the other hooks still ran
    assert topic_count(app) == 1


def test_an_error_later_in_the_request_redirects_to_what_was_saved(make_app, monkeypatch):
    from forum.builtins.discussions import views

    app = make_app(flask={"PROPAGATE_EXCEPTIONS": False})
    add_board(app)
    client = member_client(app, "aoi")

    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise OSError("usage storage unreachable")

    monkeypatch.setattr(views, "record_use", broken)
    posted = client.post("/b/general/new", data={"title": "Kept", "body": "kept words"})
    assert posted.status_code == 302 and posted.headers["Location"] == "/t/1"
    assert "Saved." in client.get("/t/1").get_data(as_text=True)
    assert topic_count(app) == 1


def test_a_job_queue_that_is_down_does_not_fail_the_commit(make_app):
    app = make_app()
    job_handler("reliability.probe")(lambda payload: None)
    with app.app_context():
        configure(app, queue_url=f"redis://127.0.0.1:{closed_port()}/0", consumer="worker")
        enqueue("reliability.probe", {"n": 1})
        db.session.commit()  # the broker refuses; the commit must still succeed
        job = db.session.scalar(select(Job))
        assert (job.name, job.status, job.attempts) == ("reliability.probe", "pending", 0)


def test_search_index_failure_leaves_the_change_queued(make_app, monkeypatch):
    app = make_app(flask={"PROPAGATE_EXCEPTIONS": False})
    add_board(app)
    client = member_client(app, "aoi")
    with app.app_context():
        index = backend()

    def damaged(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError("damaged index segment")

    monkeypatch.setattr(index, "writer", damaged)
    posted = client.post("/b/general/new", data={"title": "Queued", "body": "queued words"})
    assert posted.status_code == 302
    with app.app_context():
        queued = db.session.scalar(text("SELECT count(*) FROM search_outbox"))
    assert queued >= 1  # left for the next drain
    assert client.get("/search?q=queued").status_code == 200  # reading survives a broken writer
    monkeypatch.undo()
    assert in_index(app, "queued").item_ids == []
    assert client.get("/search?q=queued").status_code == 200
    assert in_index(app, "queued").item_ids == [1]  # the next search drained it


def test_a_reply_moves_its_topic_up_the_board(make_app):
    app = make_app(plugins=["comments"])
    add_board(app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    for title in ("Older topic", "Newer topic"):
        assert aoi.post("/b/general/new", data={"title": title, "body": "words"}).status_code == 302
    board = aoi.get("/b/general").get_data(as_text=True)
    assert board.index("Newer topic") < board.index("Older topic")
    assert ren.post("/items/1/replies", data={"body": "an answer"}).status_code == 302
    board = aoi.get("/b/general").get_data(as_text=True)
    assert board.index("Older topic") < board.index("Newer topic")
    with app.app_context():
        older, newer = (db.session.get(Item, i) for i in (1, 2))
        assert older.last_activity_at > newer.last_activity_at  # committed, not only in memory


@pytest.mark.parametrize("path", ["/b/general/new", "/items/1/replies"])
def test_json_bodies_and_file_uploads_answer_422_with_the_form(make_app, path):
    import io

    app = make_app(plugins=["comments"], flask={"PROPAGATE_EXCEPTIONS": False})
    add_board(app)
    client = member_client(app, "aoi")
    assert client.post("/b/general/new", data={"title": "Topic", "body": "words"}).status_code == 302
    for body in ('{"title": {"a": 1}, "body": ["x", 2]}', "[1, 2]", '"text"', "null"):
        sent = client.post(path, data=body, content_type="application/json")
        assert sent.status_code == 422, (body, sent.status_code)
        assert "<form" in sent.get_data(as_text=True)
    upload = client.post(path, data={"title": "Topic", "body": (io.BytesIO(b"file text"), "a.txt")},
                         content_type="multipart/form-data")
    assert upload.status_code == 422 and "<form" in upload.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Item.id))) == 1  # nothing else was saved


KEY = re.compile(r'name="submission_key" value="([^"]+)"')


@pytest.mark.parametrize("kind", ["topic", "reply", "entry"])
def test_a_double_submit_creates_one_item(make_app, kind):
    app = make_app(plugins=["comments", "forum.testing_plugins.note"])
    add_board(app)
    client = member_client(app, "aoi")
    assert client.post("/b/general/new", data={"title": "First", "body": "words"}).status_code == 302
    form_page, action, data = {
        "topic": ("/b/general/new", "/b/general/new", {"title": "Twice", "body": "sent twice"}),
        "reply": ("/t/1", "/items/1/replies", {"body": "sent twice"}),
        "entry": ("/notes/new", "/notes/new", {"text": "sent twice", "visibility": "private"}),
    }[kind]
    key = KEY.search(client.get(form_page).get_data(as_text=True)).group(1)
    first = client.post(action, data={**data, "submission_key": key})
    second = client.post(action, data={**data, "submission_key": key})
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]  # both show the one item
    other = client.post(action, data={**data, "submission_key": KEY.search(
        client.get(form_page).get_data(as_text=True)).group(1)})
    assert other.status_code == 302 and other.headers["Location"] != first.headers["Location"]
    with app.app_context():
        sent = db.session.scalar(select(func.count(Item.id)).where(Item.body == "sent twice"))
    assert sent == 2  # the double send made one item; a fresh form made another


def test_form_keys_past_a_week_are_dropped_when_the_member_posts_again(make_app):
    from datetime import timedelta

    from forum.core.idempotency import KEY_LIFETIME, SubmissionKey
    from forum.core.models import utcnow

    app = make_app()
    add_board(app)
    client = member_client(app, "aoi")
    for title in ("Old", "Recent"):
        key = KEY.search(client.get("/b/general/new").get_data(as_text=True)).group(1)
        client.post("/b/general/new", data={"title": title, "body": "words", "submission_key": key})
    with app.app_context():
        old = db.session.scalar(select(SubmissionKey).order_by(SubmissionKey.id))
        old.created_at = utcnow() - KEY_LIFETIME - timedelta(minutes=1)
        db.session.commit()
    key = KEY.search(client.get("/b/general/new").get_data(as_text=True)).group(1)
    client.post("/b/general/new", data={"title": "New", "body": "words", "submission_key": key})
    with app.app_context():
        kept = db.session.scalars(select(SubmissionKey.item_id).order_by(SubmissionKey.id)).all()
        titles = [db.session.get(Item, item_id).title for item_id in kept]
    assert titles == ["Recent", "New"]


def test_two_sends_racing_each_other_create_one_topic(make_app):
    from forum.testing import login

    app = make_app()
    add_board(app)
    clients = [member_client(app, "aoi")]
    clients.append(app.test_client())
    login(clients[1], "aoi")  # the same member, a second connection
    key = KEY.search(clients[0].get("/b/general/new").get_data(as_text=True)).group(1)
    start = threading.Barrier(2)
    answers: list[Any] = []

    def send(client: Any) -> None:
        start.wait(timeout=10)
        answers.append(client.post("/b/general/new", data={
            "title": "Race", "body": "raced words", "submission_key": key}))

    threads = [threading.Thread(target=send, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert [answer.status_code for answer in answers] == [302, 302]
    assert answers[0].headers["Location"] == answers[1].headers["Location"]
    with app.app_context():
        assert db.session.scalar(select(func.count(Item.id))) == 1


def test_the_database_timeout_keeps_the_hosts_own_server_options():
    from forum.core.database import engine_options

    url = "postgresql+psycopg://forum@db.internal/forum?options=-csearch_path%3Dcommunity"
    options = engine_options(url, 5)["connect_args"]["options"]
    assert options == "-csearch_path=community -c statement_timeout=5000"
    assert engine_options("postgresql+psycopg://forum@db/forum", 5)["connect_args"]["options"] == \
        "-c statement_timeout=5000"
