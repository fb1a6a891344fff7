"""Shared set-up for the moderation tests: a community, posting, and reading the queue."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select

from forum.core.api import AuditEvent, Item, db
from forum.testing import add_board
from plugins.moderation.models import ModerationItem

JOURNAL = "plugins.moderation.tests.journal_plugin"
CRISIS_LINE = {"name": "Inochi no Denwa", "phone": "0570-783-556", "url": "https://www.inochinodenwa.org"}


def community(make_app: Any, mode: str = "screened", **tables: Any) -> Flask:
    """An app with moderation, the test journal type and a 'general' board."""
    settings = {"moderation": mode, "crisis_resources": [CRISIS_LINE], **tables.pop("community", {})}
    app = make_app(plugins=["moderation", JOURNAL], community=settings, **tables)
    add_board(app)
    return app


def post_topic(client: FlaskClient, title: str, body: str, **options: Any) -> Any:
    return client.post("/b/general/new", data={"title": title, "body": body}, **options)


def item_id(app: Flask, title: str) -> int:
    with app.app_context():
        found = db.session.scalar(select(Item.id).where(Item.title == title))
        assert found is not None, f"no item titled {title!r}"
        return found


def item_status(app: Flask, item: int) -> str:
    with app.app_context():
        return db.session.get(Item, item).status


def queue_entries(app: Flask) -> list[dict[str, Any]]:
    """Every queue entry as plain data (detached from the session)."""
    with app.app_context():
        entries = db.session.scalars(select(ModerationItem).order_by(ModerationItem.id))
        return [{"id": e.id, "kind": e.kind, "item_id": e.item_id, "user_id": e.user_id,
                 "urgent": e.urgent, "severity": e.severity, "status": e.status, "decision": e.decision,
                 "rules": [found["rule"] for found in e.rules]} for e in entries]


def entry_for(app: Flask, item: int) -> dict[str, Any]:
    return next(entry for entry in queue_entries(app) if entry["item_id"] == item)


def audit_actions(app: Flask) -> list[tuple[str, str]]:
    with app.app_context():
        return [(e.action, e.reason) for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


@contextmanager
def sql_log(app: Flask) -> Iterator[list[str]]:
    """The SQL statements run inside the block (to check that pages cost constant queries)."""
    with app.app_context():
        engine = db.engine
    statements: list[str] = []

    def note(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", note)
    yield statements
    event.remove(engine, "before_cursor_execute", note)
