"""Index writes from several worker processes at once: nothing lost, no error page.

Each worker process builds its own app on the shared database and index folder (as gunicorn
workers would) and posts and edits topics through real requests, all starting together.
"""

from __future__ import annotations

import multiprocessing
import re
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import func, select
from whoosh import index as whoosh_index

from forum import create_app
from forum.builtins.search.index import SearchOutbox, indexable, verify
from forum.builtins.search.tests import test_search
from forum.builtins.search.tests.test_search import in_index, make_search_app, results, write
from forum.core.api import Item, User, db, set_status, submit
from forum.testing import PG_SCHEMA, add_board, add_user, login

search_backend = test_search.search_backend  # the same parametrised fixture: each backend

WORKERS = 4
TOPICS_PER_WORKER = 8
TOPIC_ID = re.compile(r"/t/(\d+)$")


def worker_app(database_url: str, index_dir: Path, backend_name: str) -> Flask:
    """The app one worker process would run, on the test's database and index folder."""
    engine_options: dict[str, Any] = {"pool_pre_ping": True}
    if database_url.startswith("postgresql"):
        engine_options["connect_args"] = {"options": f"-csearch_path={PG_SCHEMA}"}
    settings = {"search": {"backend": backend_name, "index_dir": str(index_dir), "write_wait": 30},
                "community": {"moderation": "post"}}
    return create_app(None, settings=settings, instance_path=str(index_dir.parent / "worker"),
                      TESTING=True, WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False,
                      SECRET_KEY="test", SQLALCHEMY_DATABASE_URI=database_url,
                      SQLALCHEMY_ENGINE_OPTIONS=engine_options)


def post_and_edit(args: tuple[str, Path, str, int], start: Any) -> None:
    """One worker: post topics, then rewrite every other one; any non-redirect fails it."""
    database_url, index_dir, backend_name, number = args
    client = worker_app(database_url, index_dir, backend_name).test_client()
    login(client, f"worker{number}")
    start.wait()
    for n in range(TOPICS_PER_WORKER):
        data = {"title": f"Worker {number}", "body": f"first draft w{number}n{n}"}
        posted = client.post("/b/general/new", data=data)
        assert posted.status_code == 302, posted.status_code
        if n % 2:
            topic = TOPIC_ID.search(posted.headers["Location"]).group(1)
            edited = client.post(f"/t/{topic}/edit", data={**data, "body": f"final text w{number}n{n}"})
            assert edited.status_code == 302, edited.status_code


def indexed_ids(app: Flask, words: str) -> set[int]:
    found = in_index(app, words)
    assert found.total == len(found.item_ids)
    return set(found.item_ids)


def test_concurrent_writers_lose_nothing(make_app, search_backend, database_url, tmp_path):
    index_dir = tmp_path / "shared-index"
    app = make_search_app(make_app, search_backend, index_dir=str(index_dir))
    add_board(app)
    for number in range(WORKERS):
        add_user(app, f"worker{number}")
    context = multiprocessing.get_context("fork")
    start = context.Barrier(WORKERS)
    jobs = [(database_url, index_dir, search_backend, number) for number in range(WORKERS)]
    workers = [context.Process(target=post_and_edit, args=(job, start)) for job in jobs]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [worker.exitcode for worker in workers] == [0] * WORKERS

    total = WORKERS * TOPICS_PER_WORKER
    drafts, finals = indexed_ids(app, "first draft"), indexed_ids(app, "final text")
    assert len(drafts) + len(finals) == total and not drafts & finals
    assert len(finals) == total // 2  # every edit reached the index, none was overwritten
    assert queued(app) == 0  # nothing left behind
    with app.app_context():
        assert verify().ok  # every published item has its document, and nothing else does


def test_a_busy_index_queues_the_change_instead_of_failing(make_app):
    app = make_app(search={"write_wait": 0.05})  # the embedded Whoosh index
    add_board(app)
    add_user(app, "aoi")
    client = app.test_client()
    login(client, "aoi")
    assert results(client, "patient") == []  # opens the index
    held = whoosh_index.open_dir(str(Path(app.instance_path) / "search")).writer()  # another process
    try:
        posted = client.post("/b/general/new", data={"title": "Busy", "body": "patient words"})
        assert posted.status_code == 302
        assert results(client, "patient") == []  # not indexed yet, and no error page
        assert queued_items(app) == {1}
    finally:
        held.cancel()
    assert results(client, "patient") == ["/t/1"]  # the next search drained the queue
    write(app, "aoi", "more words")
    assert queued(app) == 0 and results(client, "more") == ["/t/2"]


def queued_items(app: Flask) -> set[int]:
    with app.app_context():
        return set(db.session.scalars(select(SearchOutbox.item_id)))


def queued(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(SearchOutbox.id)))


REPLIES_PER_WORKER = 6


def reply_and_moderate(args: tuple[str, Path, str, int, list[int]], start: Any) -> None:
    """One worker: reply to the shared topics; worker 0 is a moderator who also rejects and
    approves topics meanwhile (their replies leave and re-enter the index)."""
    database_url, index_dir, backend_name, number, topics = args
    app = worker_app(database_url, index_dir, backend_name)
    client = app.test_client()
    login(client, f"worker{number}")
    start.wait()
    for n in range(REPLIES_PER_WORKER):
        topic = topics[(number + n) % len(topics)]
        with app.app_context():
            author = db.session.scalar(select(User).where(User.username == f"worker{number}"))
            reply = Item(type="discussion", author=author, parent_id=topic, visibility="community")
            assert submit(reply, {"body": f"reply w{number}n{n} shared"}, is_new=True).saved
            if number == 0:
                item = db.session.get(Item, topics[n % len(topics)])
                set_status(item, "rejected" if n % 2 == 0 else "published", author, "moderate")


def test_concurrent_replies_and_moderation_keep_the_index_exact(make_app, search_backend,
                                                                 database_url, tmp_path):
    index_dir = tmp_path / "shared-index"
    app = make_search_app(make_app, search_backend, index_dir=str(index_dir))
    add_board(app)
    add_user(app, "worker0", "moderator")
    for number in range(1, WORKERS):
        add_user(app, f"worker{number}")
    topics = [write(app, "worker1", f"topic {n} shared", title=f"Topic {n}") for n in range(3)]
    context = multiprocessing.get_context("fork")
    start = context.Barrier(WORKERS)
    workers = [context.Process(target=reply_and_moderate,
                               args=((database_url, index_dir, search_backend, number, topics), start))
               for number in range(WORKERS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [worker.exitcode for worker in workers] == [0] * WORKERS
    with app.app_context():
        found = verify()
        expected = set(db.session.scalars(select(Item.id).where(indexable())))
    assert found.ok, found  # every published reply whose topic is public has its document
    assert set(indexed_ids(app, "shared")) == expected
    assert len(expected) >= WORKERS * REPLIES_PER_WORKER // 3  # not vacuous
