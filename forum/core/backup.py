"""Back up and restore a community's database: SQLite through its online backup API (a
consistent copy while the app runs), PostgreSQL through pg_dump / pg_restore."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from flask import Flask
from sqlalchemy.engine import make_url

from .database import init_db
from .extensions import db

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"


class BackupError(Exception):
    """What went wrong, in one line, with the fix."""


def backup(app: Flask, target: Path) -> str:
    """Write a copy of the database to ``target``; return a one-line summary."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "sqlite":
        with closing(_sqlite(url.database)) as live, closing(sqlite3.connect(target)) as copy:
            live.backup(copy)
        return f"SQLite database {url.database} copied to {target}"
    if url.get_backend_name() == "postgresql":
        _run(app, "pg_dump", "--format=custom", "--no-owner", f"--file={target}",
             *_schema_options(app, "--schema"), _libpq_url(url))
        return f"PostgreSQL database {url.database} dumped to {target} (pg_dump custom format)"
    raise BackupError(f"backups of {url.get_backend_name()} databases are not supported; use the database's "
                      "own tools.")


def restore(app: Flask, source: Path) -> str:
    """Replace the database with the backup in ``source``, upgrade it, and let plugins rebuild
    what they derive from it (the search index) through ``forum_after_restore``."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    header = source.read_bytes()[:16] if source.is_file() else b""
    if url.get_backend_name() == "sqlite":
        if not header.startswith(SQLITE_HEADER):
            raise BackupError(f"{source} is not an SQLite backup. Fix: pass a file written by "
                              "`forum backup`.")
        with app.app_context():
            db.engine.dispose()  # no pooled connection holds the old pages
        with closing(sqlite3.connect(source)) as backup_file, closing(_sqlite(url.database)) as live:
            backup_file.backup(live)
    elif url.get_backend_name() == "postgresql":
        if not header.startswith(PG_DUMP_HEADER):
            raise BackupError(f"{source} is not a pg_dump custom-format file. Fix: pass a file written by "
                              "`forum backup`.")
        with app.app_context():
            db.engine.dispose()
        _run(app, "pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
             f"--dbname={_libpq_url(url)}", str(source))
    else:
        raise BackupError(f"restoring {url.get_backend_name()} databases is not supported.")
    init_db(app)  # a backup of an older release is brought up to date
    with app.app_context():
        app.extensions["forum"].hook.forum_after_restore(app=app)
    return f"Restored {source} into {url.database}"


def _sqlite(path: str | None) -> sqlite3.Connection:
    if not path:
        raise BackupError("an in-memory SQLite database cannot be backed up; set [database] url to a file.")
    return sqlite3.connect(path, timeout=30)


def _libpq_url(url: object) -> str:
    """pg_dump speaks libpq: the URL without SQLAlchemy's ``+driver``."""
    return make_url(str(url)).set(drivername="postgresql").render_as_string(hide_password=False)


def _schema_options(app: Flask, flag: str) -> list[str]:
    """A search_path in the engine options (as the tests use) limits the dump to that schema."""
    options = app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}).get("connect_args", {}).get("options", "")
    prefix = "-csearch_path="
    return [f"{flag}={options[len(prefix):]}"] if options.startswith(prefix) else []


def _run(app: Flask, tool: str, *args: str) -> None:
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} not found. Fix: install the PostgreSQL client tools (Debian: apt-get "
                          "install postgresql-client) of the server's major version.")
    done = subprocess.run([tool, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise BackupError(f"{tool} failed: {last}")
