"""Create or upgrade the schema, and protect the audit log in PostgreSQL as well as in the application."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import Engine, event, text

from .extensions import db

AUDIT_TRIGGER = """
CREATE OR REPLACE FUNCTION forum_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION forum_audit_append_only();
"""


def init_db(app: Flask) -> list[tuple[str, str]]:
    """Upgrade the tables of the core and every enabled plugin to the newest revision (idempotent);
    return each history's (name, revision)."""
    from . import schema

    done = schema.upgrade(app)
    protect_audit_log(app)
    return done


def init_fresh_db(app: Flask) -> None:
    """A new (test) database: tables straight from the models, every history stamped current."""
    from . import schema

    schema.stamp_fresh(app)
    protect_audit_log(app)


def protect_audit_log(app: Flask) -> None:
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text(AUDIT_TRIGGER))


def enable_sqlite_foreign_keys() -> None:
    if not event.contains(Engine, "connect", _sqlite_foreign_keys):
        event.listen(Engine, "connect", _sqlite_foreign_keys)


def _sqlite_foreign_keys(connection: Any, _record: Any) -> None:
    """SQLite ignores ON DELETE CASCADE unless asked; PostgreSQL always honours it."""
    if type(connection).__module__.startswith("sqlite3"):
        cursor = connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
