"""The migrations are the schema: run from empty they give exactly the models' tables, and a
database of the previous release (028e0a1, made by create_all) upgrades without losing a row."""

import json
import os
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from flask import Flask
from sqlalchemy import create_engine, inspect, text

from forum import create_app
from forum.core import schema
from forum.core.database import init_db
from forum.core.extensions import db
from forum.testing import _backends

DATA = Path(__file__).parent / "data"
# Every plugin with tables of its own (the built-ins are always on).
WITH_TABLES = ["moderation", "questionnaires", "reactions", "research"]


@pytest.fixture(params=_backends())
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, dict]]:
    """(URL, engine options) of a database with no table at all, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'forum.sqlite'}", {}
        return
    url = os.environ["FORUM_TEST_DATABASE_URL"]
    name = f"forum_migrations_{os.getpid()}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE; CREATE SCHEMA "{name}"'))
    yield url, {"connect_args": {"options": f"-csearch_path={name}"}}
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    engine.dispose()


def community(database: tuple[str, dict], tmp_path: Path, plugins: list[str]) -> Flask:
    url, options = database
    settings = {"plugins": {"enabled": plugins}, "community": {"moderation": "post"}}
    return create_app(None, settings=settings, instance_path=str(tmp_path / "i"),
                      TESTING=True, SQLALCHEMY_DATABASE_URI=url, SQLALCHEMY_ENGINE_OPTIONS=options)


def differences(app: Flask) -> list:
    """What autogenerate would still write, for each history: [] when migrations match models."""
    found = []
    with app.app_context(), db.engine.connect() as connection:
        for owner in schema.components(app):
            owned = {table.name for table in schema.owned_tables(owner)}
            context = MigrationContext.configure(connection, opts={
                "include_object": lambda obj, name, kind, *_, owned=owned: (
                    name in owned if kind == "table" else getattr(obj, "table", obj).name in owned),
                "compare_type": True})
            found += [(owner.name, diff) for diff in compare_metadata(context, db.metadata)]
    return found


def test_migrations_from_empty_give_exactly_the_models(empty_database, tmp_path):
    app = community(empty_database, tmp_path, WITH_TABLES)
    done = dict(init_db(app))
    assert done == {"core": "core_0005", "admin": "admin_0001", "search": "search_0001",
                    "moderation": "moderation_0002",
                    "questionnaires": "questionnaires_0002", "reactions": "reactions_0001",
                    "research": "research_0002"}
    assert differences(app) == []  # a model changed without a migration fails here
    assert schema.unversioned_plugins(app) == []  # so does a plugin with tables and no migrations
    with app.app_context():
        tables = set(inspect(db.engine).get_table_names())
        owned = {t.name for owner in schema.components(app) for t in schema.owned_tables(owner)}
        versions = {owner.version_table for owner in schema.components(app)}
        assert tables == owned | versions
        schema.check_current(app)  # start-up accepts it
        db.engine.dispose()


def test_enabling_a_plugin_later_adds_its_tables(empty_database, tmp_path):
    init_db(community(empty_database, tmp_path, []))
    later = community(empty_database, tmp_path, ["reactions"])
    with pytest.raises(schema.SchemaBehind, match=r"reactions empty -> reactions_0001.*db upgrade"):
        schema.check_current(later)
    init_db(later)
    with later.app_context():
        assert "reactions" in inspect(db.engine).get_table_names()
        db.engine.dispose()
    schema.check_current(later)


ROWS = {  # one of everything a community of release 028e0a1 held
    "users": [{"id": 1, "username": "Aoi", "username_key": "aoi", "password_hash": "x", "role": "member",
               "created_at": datetime(2026, 1, 2, 3, 4, 5)},
              {"id": 2, "username": "Sora", "username_key": "sora", "password_hash": "y", "role": "moderator",
               "created_at": datetime(2026, 1, 3)}],
    "boards": [{"id": 1, "slug": "welcome", "title": "Welcome", "description": "Say hello", "position": 0}],
    "items": [{"id": 1, "type": "discussion", "author_id": 1, "board_id": 1, "parent_id": None,
               "title": "はじめまして", "body": "Small steps", "body_html": "<p>Small steps</p>",
               "data": "{}", "status": "published", "visibility": "community",
               "created_at": datetime(2026, 1, 4), "updated_at": datetime(2026, 1, 4),
               "published_at": datetime(2026, 1, 4), "last_activity_at": datetime(2026, 1, 4)}],
    "audit_events": [{"id": 1, "at": datetime(2026, 1, 5), "actor_id": 2, "action": "approve",
                      "target_type": "item", "target_id": 1, "reason": "fine", "details": "{}"}],
    "reactions": [{"id": 1, "item_id": 1, "user_id": 2, "kind": "like", "created_at": datetime(2026, 1, 6)}],
    "moderation_items": [{"id": 1, "kind": "held", "item_id": 1, "user_id": 1, "urgent": True, "severity": 5,
                          "rules": '["self_harm"]', "status": "open", "decision": "",
                          "created_at": datetime(2026, 1, 7), "resolved_by_id": None, "resolved_at": None}],
    "moderation_reports": [{"id": 1, "item_id": 1, "reporter_id": 2, "category": "worries", "note": "n",
                            "created_at": datetime(2026, 1, 8)}],
    "moderation_notices": [{"id": 1, "user_id": 1, "item_id": 1, "decision": "approve", "message": "ok",
                            "created_at": datetime(2026, 1, 9)}],
    "search_outbox": [{"id": 1, "item_id": 1, "queued_at": datetime(2026, 1, 10)}],
    "questionnaire_results": [{"id": 1, "user_id": 1, "instrument": "phq9", "answers": "[1, 0, 2]",
                               "scores": '{"total": 3}', "created_at": datetime(2026, 1, 11)}],
    "research_consents": [{"user_id": 1, "consented_at": datetime(2026, 1, 12)}],
    "usage_events": [{"id": 1, "user_id": 1, "function": "funcan", "day": date(2026, 1, 13)}],
}


def _legacy_schema(connection, dialect: str) -> None:
    for statement in (DATA / f"schema_028e0a1.{dialect}.sql").read_text().split(";"):
        if statement.strip():
            connection.execute(text(statement))


def test_a_database_of_release_028e0a1_upgrades_without_losing_a_row(empty_database, tmp_path):
    app = community(empty_database, tmp_path, WITH_TABLES)
    with app.app_context(), db.engine.begin() as connection:
        _legacy_schema(connection, db.engine.dialect.name)
        for table, rows in ROWS.items():
            names = list(rows[0])
            connection.execute(text(f"INSERT INTO {table} ({', '.join(names)}) VALUES "
                                    f"({', '.join(':' + n for n in names)})"), rows)
    with pytest.raises(schema.SchemaBehind, match="core empty -> core_0005"):
        schema.check_current(app)
    init_db(app)
    assert differences(app) == []
    with app.app_context(), db.engine.connect() as connection:
        for table, rows in ROWS.items():
            kept = connection.execute(text(f"SELECT {', '.join(rows[0])} FROM {table} ORDER BY 1")).mappings()
            assert [_plain(row) for row in kept] == [_plain(row) for row in rows], table
        new_columns = connection.execute(text("SELECT tier, outcome, claimed_by_id FROM moderation_items"))
        assert new_columns.all() == [("", "", None)]
        tokens = connection.execute(text("SELECT session_token FROM users")).scalars().all()
        assert len(set(tokens)) == 2 and all(len(token) >= 40 for token in tokens)  # one each, unguessable
        assert connection.execute(text("SELECT was_rejected FROM items")).scalar() in (False, 0)
        if connection.dialect.name == "sqlite":  # rebuilt so that a deleted member's id is never reused
            for table in ("users", "items"):
                made = connection.execute(text("SELECT sql FROM sqlite_master WHERE name = :t"), {"t": table})
                assert "AUTOINCREMENT" in made.scalar()
        db.engine.dispose()
    schema.check_current(app)


def test_a_create_all_database_of_the_models_before_migrations_is_adopted_as_it_is(empty_database, tmp_path):
    app = community(empty_database, tmp_path, WITH_TABLES)
    with app.app_context():
        db.metadata.create_all(db.engine)  # what `forum init` did until migrations came
        db.session.execute(text("INSERT INTO boards (slug, title, description, position, moderation, "
                                "topic_starters, archived) "
                                "VALUES ('kept', 'Kept', '', 0, '', 'members', false)"))
        db.session.commit()
    assert dict(init_db(app))["core"] == "core_0005"  # stamped: nothing created twice
    assert differences(app) == []
    with app.app_context():
        assert db.session.execute(text("SELECT slug FROM boards")).scalars().all() == ["kept"]
        db.session.remove()
        db.engine.dispose()


def _plain(row) -> dict:
    """Compare by value: PostgreSQL returns JSON parsed and times as datetimes, SQLite both as text."""
    return {key: json.loads(value) if isinstance(value, str) and value.startswith(("[", "{"))
            else str(value) if isinstance(value, date) else value for key, value in dict(row).items()}


PLUGIN = '''
from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from forum.core.api import db


class Note(db.Model):
    __tablename__ = "revision_plugin_notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
'''


def test_a_plugin_author_writes_a_first_revision_with_one_command(tmp_path, monkeypatch, request):
    from click.testing import CliRunner

    from forum.cli import cli

    package = tmp_path / "revision_test_plugins" / "revision_plugin"  # enabled by dotted path
    package.mkdir(parents=True)
    (package.parent / "__init__.py").write_text("")
    (package / "__init__.py").write_text("from . import models  # noqa: F401\n")
    (package / "models.py").write_text(PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path))
    request.addfinalizer(lambda: [sys.modules.pop(name) for name in list(sys.modules)
                                  if name.startswith("revision_test_plugins")])  # other tests' packages
    config = tmp_path / "dev.toml"
    database = tmp_path / "d.sqlite"
    config.write_text(f'[community]\nmoderation = "post"\n[database]\nurl = "sqlite:///{database}"\n'
                      '[plugins]\nenabled = ["revision_test_plugins.revision_plugin"]\n')
    run = CliRunner(env={"FORUM_INSTANCE": str(tmp_path)}).invoke
    refused = run(cli, ["--config", str(config), "db", "upgrade"])
    assert refused.exit_code == 2
    assert "define tables but ship no migrations. Fix (for the plugin's author): `forum db revision " \
           '--plugin revision_plugin -m "first tables"`' in refused.output
    written = run(cli, ["--config", str(config), "db", "revision", "--plugin", "revision_plugin",
                        "-m", "first tables"])
    assert written.exit_code == 0, written.output
    (revision,) = (package / "migrations" / "versions").glob("*.py")
    assert revision.name == "revision_plugin_0001_first_tables.py"
    text_of = revision.read_text()
    assert "branch_labels = ('revision_plugin',)" in text_of
    assert "op.create_table('revision_plugin_notes'" in text_of
    assert "op.create_table('users'" not in text_of  # only the plugin's own tables
    assert run(cli, ["--config", str(config), "db", "upgrade"]).exit_code == 0
    current = run(cli, ["--config", str(config), "db", "current"])
    assert "revision_plugin  revision_plugin_0001 up to date" in current.output
