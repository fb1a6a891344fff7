"""The index never silently drifts from the database: the outbox drain, replies that follow
their parent out of search, and ``forum reindex --verify``."""

from __future__ import annotations

from types import SimpleNamespace

import click
from click.testing import CliRunner
from flask import Flask
from sqlalchemy import create_engine, insert, select

from forum.builtins.search import index as search_index
from forum.builtins.search.index import SearchOutbox, backend, drain, queue
from forum.builtins.search.tests import test_search
from forum.builtins.search.tests.test_search import in_index, make_search_app, moderate, write
from forum.core.api import Item, User, db, delete_item, submit
from forum.testing import PG_SCHEMA, add_user

search_backend = test_search.search_backend  # each backend the database allows


def reply(app: Flask, author: str, parent_id: int, body: str) -> int:
    """An item under ``parent_id`` (as a reply is), through the one path member text takes."""
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == author))
        item = Item(type="discussion", author=user, parent_id=parent_id, visibility="community")
        assert submit(item, {"body": body}, is_new=True).saved
        return item.id


def indexed(app: Flask, words: str) -> set[int]:
    return set(in_index(app, words).item_ids)


def outbox_ids(app: Flask) -> set[int]:
    with app.app_context():
        return set(db.session.scalars(select(SearchOutbox.id)))


def reindex_cli(app: Flask, *args: str) -> click.testing.Result:
    commands = click.Group()
    app.extensions["forum"].hook.forum_cli(cli=commands)
    return CliRunner().invoke(commands, ["reindex", *args], obj=SimpleNamespace(app=app))


def test_drain_deletes_only_the_rows_it_read(make_app, search_backend, database_url, monkeypatch):
    """A row another transaction commits while a drain runs (on PostgreSQL with a lower id than
    the rows read) must survive the drain: it was never applied."""
    app = make_search_app(make_app, search_backend)
    add_user(app, "aoi")
    first = write(app, "aoi", "first words")
    late = write(app, "aoi", "late words")
    with app.app_context():
        backend().clear()
        queue([first])
        read_ids = outbox_ids(app)
    options = {"options": f"-csearch_path={PG_SCHEMA}"} if database_url.startswith("postgresql") else {}
    other = create_engine(database_url, connect_args=options)
    real_load_docs = search_index.load_docs

    def load_then_commit_elsewhere(item_ids):
        docs = real_load_docs(item_ids)
        with other.begin() as connection:  # a request committing while this drain runs
            connection.execute(insert(SearchOutbox.__table__).values(id=min(read_ids) - 1, item_id=late))
        return docs

    monkeypatch.setattr(search_index, "load_docs", load_then_commit_elsewhere)
    with app.app_context():
        assert drain()
    other.dispose()
    assert outbox_ids(app) == {min(read_ids) - 1}  # the unread row is still queued
    assert indexed(app, "first") == {first} and indexed(app, "late") == set()
    monkeypatch.setattr(search_index, "load_docs", real_load_docs)
    with app.app_context():
        assert drain()
    assert indexed(app, "late") == {late} and outbox_ids(app) == set()


def test_replies_leave_search_with_a_rejected_or_deleted_topic(make_app, search_backend):
    app = make_search_app(make_app, search_backend)
    add_user(app, "aoi")
    add_user(app, "ren")
    moderator = add_user(app, "sora_mod", "moderator")
    rejected_topic = write(app, "aoi", "topic one", title="First")
    deleted_topic = write(app, "aoi", "topic two", title="Second")
    under_rejected = reply(app, "ren", rejected_topic, "gentle answer")
    under_deleted = reply(app, "ren", deleted_topic, "gentle answer")
    assert indexed(app, "gentle answer") == {under_rejected, under_deleted}

    moderate(app, rejected_topic, "rejected")
    with app.app_context():
        delete_item(db.session.get(Item, deleted_topic), db.session.get(User, moderator.id))
    assert indexed(app, "gentle answer") == set()
    assert in_index(app, "gentle").total == 0  # not only filtered out: gone from the count

    moderate(app, rejected_topic, "published")  # approved after all: its reply comes back
    assert indexed(app, "gentle answer") == {under_rejected}


def test_reindex_verify_lists_missing_and_stale_entries(make_app, search_backend):
    app = make_search_app(make_app, search_backend)
    add_user(app, "aoi")
    add_user(app, "sora_mod", "moderator")
    kept = write(app, "aoi", "kept words")
    lost = write(app, "aoi", "lost words")
    hidden = write(app, "aoi", "hidden words")
    assert reindex_cli(app, "--verify").exit_code == 0

    with app.app_context():
        backend().delete(lost)  # as a lost update would leave it
        item = db.session.get(Item, hidden)
        item.status = "held"  # changed behind the index's back
        db.session.commit()
    checked = reindex_cli(app, "--verify")
    assert checked.exit_code == 1, checked.output
    assert f"Missing from the index (1): {lost}" in checked.output
    assert f"In the index but not published (1): {hidden}" in checked.output
    assert indexed(app, "kept") == {kept}  # --verify only reads

    assert reindex_cli(app).exit_code == 0
    assert reindex_cli(app, "--verify").exit_code == 0
