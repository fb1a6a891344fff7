import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from forum.cli import cli
from forum.core.api import AuditEvent, User, db
from forum.core.models import AuditLogIsAppendOnly


def run_forum(*args, env=None):
    return subprocess.run([sys.executable, "-c", "from forum.cli import main; main()", *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


def test_bad_config_exits_with_one_clear_message(tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text('[plugins]\nenabled = ["nope"]\n')
    result = run_forum("--config", str(config), "plugins", env={"FORUM_INSTANCE": str(tmp_path)})
    assert result.returncode == 2
    assert "unknown plugin 'nope'" in result.stderr and "Traceback" not in result.stderr


def test_init_creates_the_database(tmp_path):
    config = tmp_path / "c.toml"
    database = tmp_path / "forum.sqlite"
    config.write_text(f'[community]\nmoderation = "post"\n[database]\nurl = "sqlite:///{database}"\n')
    result = CliRunner().invoke(cli, ["--config", str(config), "init"],
                                env={"FORUM_INSTANCE": str(tmp_path)})
    assert result.exit_code == 0, result.output
    assert database.exists() and "Database ready" in result.output


@pytest.mark.parametrize("example", ["u2plus", "u2plus-ja", "horyzons"])
def test_demo_builds_each_example_community(example, tmp_path, monkeypatch):
    import forum.cli as forum_cli

    monkeypatch.setattr(forum_cli, "REPO_DIR", tmp_path)
    result = CliRunner().invoke(cli, ["demo", "--no-serve", "--config",
                                      f"{forum_cli.Path(__file__).parent.parent}/examples/{example}.toml"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:5000/" in result.output and "password: demo-password" in result.output
    assert (tmp_path / "instance" / "demo" / "forum.sqlite").exists()


def test_audit_log_is_append_only(app):
    with app.app_context():
        user = User(username="sora", username_key="sora", password_hash="x", role="moderator")
        db.session.add(user)
        db.session.flush()
        db.session.add(AuditEvent(actor_id=user.id, action="approve", reason="fine"))
        db.session.commit()
        event = db.session.scalar(select(AuditEvent))
        event.reason = "changed later"
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.commit()
        db.session.rollback()
        db.session.delete(db.session.scalar(select(AuditEvent)))
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.commit()
        db.session.rollback()
        if db.engine.dialect.name == "postgresql":  # the database refuses too, whoever asks
            from sqlalchemy import text
            from sqlalchemy.exc import DBAPIError

            with pytest.raises(DBAPIError, match="append-only"):
                db.session.execute(text("UPDATE audit_events SET reason = 'x'"))
            db.session.rollback()
