import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

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


def community_file(tmp_path, extra=""):
    config = tmp_path / "c.toml"
    database = tmp_path / "f.sqlite"
    config.write_text(f'[community]\nmoderation = "post"\n[database]\nurl = "sqlite:///{database}"\n{extra}')
    return config


def test_init_upgrades_the_database_and_db_current_says_so(tmp_path):
    config = community_file(tmp_path)
    env = {"FORUM_INSTANCE": str(tmp_path)}
    result = CliRunner().invoke(cli, ["--config", str(config), "init"], env=env)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "f.sqlite").exists() and "Database ready" in result.output
    assert "core_0005" in result.output
    current = CliRunner().invoke(cli, ["--config", str(config), "db", "current"], env=env)
    assert current.exit_code == 0 and "core             core_0005            up to date" in current.output


def test_a_database_behind_the_code_stops_start_up_naming_the_command(tmp_path):
    config = community_file(tmp_path)
    result = run_forum("--config", str(config), "create-user", "aoi", "--password", "long enough pw",
                       env={"FORUM_INSTANCE": str(tmp_path)})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "database is behind the code (core empty -> core_0005" in result.stderr
    assert f"Fix: run `forum --config {config} db upgrade`" in result.stderr
    current = run_forum("--config", str(config), "db", "current", env={"FORUM_INSTANCE": str(tmp_path)})
    assert "core             empty                behind, newest core_0005" in current.stdout


@pytest.mark.parametrize("args", [["--help"], ["plugins", "--help"], ["db", "--help"]])
def test_help_works_with_a_broken_config(tmp_path, args):
    config = tmp_path / "bad.toml"
    config.write_text('[plugins]\nenabled = ["nope"]\n')
    result = run_forum("--config", str(config), *args, env={"FORUM_INSTANCE": str(tmp_path)})
    assert result.returncode == 0 and "Usage: forum" in result.stdout, result.stderr
    if args == ["--help"]:
        assert "Plugin commands not shown" in result.stdout and "unknown plugin 'nope'" in result.stdout


def test_plugin_commands_are_found_lazily(tmp_path):
    config = community_file(tmp_path, '[plugins]\nenabled = ["moderation"]\n')
    listed = run_forum("--config", str(config), "--help", env={"FORUM_INSTANCE": str(tmp_path)})
    assert "screen" in listed.stdout and "reindex" in listed.stdout and "backup" in listed.stdout
    CliRunner().invoke(cli, ["--config", str(config), "db", "upgrade"], env={"FORUM_INSTANCE": str(tmp_path)})
    screened = CliRunner().invoke(cli, ["--config", str(config), "screen", "I want to end my life tonight"],
                                  env={"FORUM_INSTANCE": str(tmp_path)})
    assert screened.exit_code == 0, screened.output
    assert "=> hold" in screened.output


def test_commands_say_what_they_need(tmp_path):
    env = {"FORUM_INSTANCE": str(tmp_path), "FORUM_CONFIG": ""}
    no_config = subprocess.run([sys.executable, "-c", "from forum.cli import main; main()", "screen", "hi"],
                               capture_output=True, text=True, cwd=tmp_path, env={**os.environ, **env})
    assert no_config.returncode == 2 and "pass --config FILE" in no_config.stderr
    assert "Traceback" not in no_config.stderr
    needs = subprocess.run([sys.executable, "-c", "from forum.cli import main; main()", "create-user", "aoi"],
                           capture_output=True, text=True, cwd=tmp_path, env={**os.environ, **env})
    assert "`forum create-user` needs a community file" in needs.stderr
    config = community_file(tmp_path)
    not_enabled = run_forum("--config", str(config), "screen", "hi", env=env)
    assert "No such command 'screen' in this community" in not_enabled.stderr
    assert "enable the plugin" in not_enabled.stderr


def test_an_unknown_database_driver_is_one_clear_line(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[community]\nmoderation = "post"\n[database]\nurl = "nosuchdb://x"\n')
    result = run_forum("--config", str(config), "db", "upgrade", env={"FORUM_INSTANCE": str(tmp_path)})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "nosuchdb" in result.stderr


@pytest.mark.parametrize("example", ["u2plus", "u2plus-ja", "horyzons"])
def test_demo_builds_each_example_community_in_its_own_instance(example, tmp_path):
    examples = Path(__file__).parent.parent / "examples"
    result = CliRunner().invoke(cli, ["demo", "--no-serve", "--instance", str(tmp_path / "demo"),
                                      "--config", str(examples / f"{example}.toml")])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:5000/" in result.output and "password: demo-password" in result.output
    assert (tmp_path / "demo" / "forum.sqlite").exists()
    again = CliRunner().invoke(cli, ["demo", "--no-serve", "--instance", str(tmp_path / "demo")])
    assert again.exit_code == 2 and "is not empty" in again.output


def test_two_demos_never_share_files():
    folders = []
    for _ in range(2):
        result = CliRunner().invoke(cli, ["demo", "--no-serve"])
        assert result.exit_code == 0, result.output
        folders.append(Path(re.search(r"ready in (\S+)\.", result.output).group(1)))
    try:
        assert folders[0] != folders[1] and all((f / "forum.sqlite").exists() for f in folders)
    finally:
        for folder in folders:
            shutil.rmtree(folder)


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
