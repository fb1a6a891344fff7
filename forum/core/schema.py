"""Schema migrations with Alembic: one history for the core, one per plugin that has models.

Each *component* (the core, or an enabled plugin or built-in with ``migrations/versions/``)
has its own version folder, its own branch label (its short name) and its own version table
(``alembic_version`` for the core, ``alembic_version_<name>`` for a plugin). So enabling a
plugin later adds its tables on the next ``forum db upgrade``, and disabling one leaves its
tables and history alone instead of breaking the others' upgrades.

A component's first revision may list ``adopts = ("table", ...)``: a database made before
migrations existed (``create_all``) that already holds those tables is stamped at that first
revision instead of creating them again, then upgraded like any other.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from sqlalchemy import Connection, Table, inspect

from .config import ConfigError
from .extensions import db
from .plugins import plugin_dir

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
CORE_PACKAGE = "forum.core"


class SchemaBehind(ConfigError):
    """The database is older than the code; the message names the command that upgrades it."""


@dataclass(frozen=True)
class Component:
    """The core or one plugin: whose tables, which version folder, which version table."""

    name: str  # branch label and version-table suffix: "core", or the plugin's last dotted name
    package: str  # module prefix of its models ("forum.core", "plugins.<name>")
    versions: Path

    @property
    def version_table(self) -> str:
        return "alembic_version" if self.name == "core" else f"alembic_version_{self.name}"

    def owns(self, module: str) -> bool:
        return module == self.package or module.startswith(self.package + ".")


def components(app: Flask, *, unversioned: bool = False) -> list[Component]:
    """The core first, then each enabled plugin that ships ``migrations/versions/``, in order
    (with ``unversioned``: also package plugins that have none yet)."""
    found = [Component("core", CORE_PACKAGE, MIGRATIONS_DIR / "versions")]
    for name, module in app.extensions["forum"].plugins.items():
        folder = plugin_dir(module)
        if folder is not None and (unversioned or (folder / "migrations" / "versions").is_dir()):
            found.append(Component(name.rsplit(".", 1)[-1], module.__name__,
                                   folder / "migrations" / "versions"))
    return found


def unversioned_plugins(app: Flask) -> list[str]:
    """Enabled plugins that define tables but ship no migrations (nothing would create them)."""
    return [owner.name for owner in components(app, unversioned=True)
            if not owner.versions.is_dir() and owned_tables(owner)]


def component(app: Flask, name: str) -> Component:
    for candidate in components(app, unversioned=True):
        if name in (candidate.name, candidate.package):
            return candidate
    known = ", ".join(c.name for c in components(app, unversioned=True))
    raise ConfigError(f"{name!r} is neither the core nor an enabled package plugin (known: {known}). "
                      "Fix: enable the plugin in the community file first.")


def _refuse_unversioned(app: Flask) -> None:
    missing = unversioned_plugins(app)
    if missing:
        raise SchemaBehind(f"plugin(s) {', '.join(missing)} define tables but ship no migrations. Fix (for "
                           f"the plugin's author): `forum db revision --plugin {missing[0]} -m \"first "
                           "tables\"` (see docs/plugins.md, Migrations).")


def owned_tables(owner: Component) -> list[Table]:
    """The tables whose model classes live in ``owner``'s package."""
    return [mapper.local_table for mapper in db.Model.registry.mappers
            if owner.owns(mapper.class_.__module__) and isinstance(mapper.local_table, Table)]


def alembic_config(owner: Component, connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("version_locations", str(owner.versions))
    config.set_main_option("path_separator", "os")
    config.attributes.update(connection=connection, target_metadata=db.metadata,
                             owned={table.name for table in owned_tables(owner)},
                             version_table=owner.version_table)
    return config


@cache
def _scripts(versions: Path) -> ScriptDirectory:
    """Parsed once per process: the fixtures stamp a fresh database for every test."""
    return ScriptDirectory.from_config(alembic_config(Component("", "", versions)))


def _context(connection: Connection, owner: Component) -> MigrationContext:
    return MigrationContext.configure(connection, opts={"version_table": owner.version_table})


@contextmanager
def _quiet_alembic() -> Iterator[None]:
    """Alembic logs each step at INFO; the CLI prints its own one-line summary."""
    logger = logging.getLogger("alembic")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def _adopt_legacy_tables(connection: Connection, owner: Component) -> None:
    """A database made by ``create_all`` before migrations (or before this plugin had them) is
    stamped at the newest revision whose tables and columns it already has, in history order:
    each revision may say what it made (``adopts = ("table", ...)``, ``adopts_columns =
    {"table": ("column", ...)}``); the first one that says nothing, or is not there, ends it."""
    scripts = _scripts(owner.versions)
    context = _context(connection, owner)
    if context.get_current_heads():
        return
    found = inspect(connection)
    tables = set(found.get_table_names())
    adopted = None
    for script in reversed(list(scripts.walk_revisions())):  # oldest first (one line per history)
        made = set(getattr(script.module, "adopts", ()))
        columns = getattr(script.module, "adopts_columns", {})
        if not (made or columns) or not made <= tables or not all(
                table in tables and set(names) <= {c["name"] for c in found.get_columns(table)}
                for table, names in columns.items()):
            break
        adopted = script.revision
    if adopted is not None:
        context.stamp(scripts, adopted)


def upgrade(app: Flask) -> list[tuple[str, str]]:
    """Bring every component to its newest revision; return (component, revision) pairs."""
    _refuse_unversioned(app)
    done = []
    with (app.app_context(), db.engine.connect() as connection, _quiet_alembic(),
          _foreign_keys_off(connection), connection.begin()):
        for owner in components(app):
            _adopt_legacy_tables(connection, owner)
            command.upgrade(alembic_config(owner, connection), "heads")
            done.append((owner.name, ", ".join(_context(connection, owner).get_current_heads())))
    return done


@contextmanager
def _foreign_keys_off(connection: Connection) -> Iterator[None]:
    """SQLite rebuilds a table to alter it: with foreign keys on, dropping the old ``users``
    would cascade to every member's items. (A no-op on PostgreSQL, which alters in place.)"""
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # outside a transaction, or ignored
        connection.commit()
    try:
        yield
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def stamp_fresh(app: Flask) -> None:
    """Create the tables straight from the models and mark every history as current.

    For new test databases: the same end state as ``upgrade`` without running each revision
    (tests/test_migrations.py checks that the two agree)."""
    with app.app_context(), db.engine.begin() as connection:
        db.metadata.create_all(connection)
        for owner in components(app):
            context = _context(connection, owner)
            if not context.get_current_heads():
                context.stamp(_scripts(owner.versions), "heads")


def status(app: Flask) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(component, revisions in the database, newest revisions in the code) for each component."""
    found = []
    with app.app_context(), db.engine.connect() as connection:
        for owner in components(app):
            current = tuple(sorted(_context(connection, owner).get_current_heads()))
            found.append((owner.name, current, tuple(sorted(_scripts(owner.versions).get_heads()))))
    return found


def check_current(app: Flask) -> None:
    """Stop start-up when the database is older than the code (one line: what and the fix)."""
    _refuse_unversioned(app)
    behind = [f"{name} {'+'.join(current) or 'empty'} -> {'+'.join(heads)}"
              for name, current, heads in status(app) if current != heads]
    if behind:
        source = app.extensions["forum"].source
        config = f" --config {source}" if not source.startswith("<") else ""
        raise SchemaBehind(f"the database is behind the code ({'; '.join(behind)}). "
                           f"Fix: run `forum{config} db upgrade` (first `forum{config} backup FILE`).")


def new_revision(app: Flask, name: str, message: str, autogenerate: bool = True) -> Any:
    """Write the next revision of one component (``<name>_0002_...``), by default found by
    comparing its models with the database, which must be upgraded first."""
    owner = component(app, name)
    owner.versions.mkdir(parents=True, exist_ok=True)
    _scripts.cache_clear()
    scripts = _scripts(owner.versions)
    heads = scripts.get_heads()
    count = sum(1 for _ in scripts.walk_revisions())
    with app.app_context(), db.engine.begin() as connection, _quiet_alembic():
        current = _context(connection, owner).get_current_heads()
        if set(current) != set(heads):  # autogenerate would write again what is still to run
            raise SchemaBehind(f"the database is not at {owner.name}'s newest revision. Fix: run "
                               "`forum db upgrade` first, then write the new revision.")
        written = command.revision(
            alembic_config(owner, connection), message=message, autogenerate=autogenerate,
            head=heads[0] if heads else "base", branch_label=None if heads else owner.name,
            version_path=str(owner.versions), rev_id=f"{owner.name}_{count + 1:04d}")
    _scripts.cache_clear()  # the folder holds one more revision now
    return written
