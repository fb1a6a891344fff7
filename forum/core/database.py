"""Create or upgrade the schema, protect the audit log in PostgreSQL as well as in the application,
and bound every wait on the database (and on Redis) so an unreachable server costs a request
seconds, not minutes."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import Engine, event, select, text
from sqlalchemy.engine import make_url

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


def engine_options(url: str, timeout: float) -> dict[str, Any]:
    """SQLAlchemy engine options for ``url`` with every wait bounded by ``timeout`` seconds.

    PostgreSQL: ``connect_timeout`` (the whole handshake: a server that accepts the connection
    and never answers fails here), ``statement_timeout`` (a query the server runs too long) and
    the pool's wait for a free connection; a ping per checkout replaces dropped connections.
    SQLite: the wait for another writer's lock.
    """
    seconds = max(1, round(timeout))
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": timeout}}
    options: dict[str, Any] = {"pool_pre_ping": True, "pool_timeout": timeout}
    if url.startswith("postgresql"):
        # Keep the host's own server options from the URL (``?options=-csearch_path%3D...``):
        # connect_args replace the URL's, so the timeout is added to them, not put instead.
        own = make_url(url).query.get("options", "")
        own = " ".join(own) if isinstance(own, tuple) else own
        options["connect_args"] = {"connect_timeout": max(2, seconds),  # libpq's minimum is 2
                                   "options": f"{own} -c statement_timeout={int(timeout * 1000)}".strip()}
    return options


def redis_options(timeout: float) -> dict[str, float]:
    """redis-py client options: no call to an unreachable Redis waits longer than ``timeout``."""
    return {"socket_timeout": timeout, "socket_connect_timeout": timeout}


def init_db(app: Flask) -> list[tuple[str, str]]:
    """Upgrade the tables of the core and every enabled plugin to the newest revision (idempotent);
    return each history's (name, revision)."""
    from . import schema

    done = schema.upgrade(app)
    with app.app_context():
        _rekey_usernames()
    protect_audit_log(app)
    return done


def init_fresh_db(app: Flask) -> None:
    """A new (test) database: tables straight from the models, every history stamped current."""
    from . import schema

    never_reuse_ids()
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


def never_reuse_ids() -> None:
    """SQLite hands a deleted row's id to the next row unless the table says AUTOINCREMENT; ids
    are in URLs, audit entries and exports, so no table may reuse one (PostgreSQL never does)."""
    for table in db.metadata.tables.values():
        table.dialect_options["sqlite"]["autoincrement"] = True


def _rekey_usernames() -> None:
    """Members who joined before the look-alike key keep signing in: their key is recomputed.
    Two old names that now look alike keep the older key for the later member (still unique)."""
    from .models import User, username_key

    taken = set(db.session.scalars(select(User.username_key)))
    for user in db.session.scalars(select(User).order_by(User.id)).all():
        key = username_key(user.username)
        if key != user.username_key and key not in taken:
            taken.discard(user.username_key)
            user.username_key = key
            taken.add(key)
    db.session.commit()
