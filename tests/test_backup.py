"""`forum backup` / `forum restore`: a populated community round-trips, and search works after."""

from click.testing import CliRunner
from sqlalchemy import delete, func, select

from forum.cli import cli, seed_demo
from forum.core.backup import backup, restore
from forum.core.extensions import db
from forum.core.models import AuditEvent, Board, Item, User
from forum.testing import add_user, login


def counts(app):
    with app.app_context():
        return {model.__name__: db.session.scalar(select(func.count()).select_from(model))
                for model in (User, Board, Item, AuditEvent)}


def search(app, word):
    client = app.test_client()
    login(client, "reader")
    return client.get(f"/search?q={word}").get_data(as_text=True)


def test_a_populated_community_round_trips_and_is_searchable_again(make_app, tmp_path):
    app = make_app(plugins=["reactions", "comments", "funcan"])
    with app.app_context():
        seed_demo(app)  # what `forum demo` creates: members, boards, a topic, FunCan entries
    add_user(app, "reader")
    before = counts(app)
    assert before["Item"] > 1 and before["User"] > 5
    assert "Hello from a new member" in search(app, "walk")

    file = tmp_path / "community.backup"
    assert "community.backup" in backup(app, file)
    with app.app_context():  # disaster: every item is gone (the audit log is append-only)
        db.session.execute(delete(Item))
        db.session.commit()
    assert counts(app)["Item"] == 0

    assert "Restored" in restore(app, file)
    assert counts(app) == before
    assert "Hello from a new member" in search(app, "walk")  # the index was rebuilt from the restored rows


def test_the_commands_round_trip_and_refuse_a_file_that_is_no_backup(tmp_path):
    config = tmp_path / "c.toml"
    database = tmp_path / "f.sqlite"
    config.write_text(f'[community]\nmoderation = "post"\n[database]\nurl = "sqlite:///{database}"\n')
    env = {"FORUM_INSTANCE": str(tmp_path)}
    run = CliRunner(env=env).invoke
    assert run(cli, ["--config", str(config), "init"]).exit_code == 0
    made = run(cli, ["--config", str(config), "create-user", "aoi", "--password", "long enough pw"])
    assert made.exit_code == 0, made.output
    saved = run(cli, ["--config", str(config), "backup", str(tmp_path / "b.sqlite")])
    assert saved.exit_code == 0 and "copied to" in saved.output, saved.output
    database.unlink()
    restored = run(cli, ["--config", str(config), "restore", "--yes", str(tmp_path / "b.sqlite")])
    assert restored.exit_code == 0, restored.output
    listed = run(cli, ["--config", str(config), "db", "current"])
    assert "up to date" in listed.output
    (tmp_path / "notes.txt").write_text("not a backup")
    refused = run(cli, ["--config", str(config), "restore", "--yes", str(tmp_path / "notes.txt")])
    assert refused.exit_code == 1 and "is not an SQLite backup" in refused.output


def test_a_sqlite_backup_taken_while_members_write_is_consistent(tmp_path):
    import sqlite3
    import threading
    from contextlib import closing

    from forum import create_app
    from forum.core.database import init_db

    live = tmp_path / "live.sqlite"
    app = create_app(None, settings={"community": {"moderation": "post"}}, instance_path=str(tmp_path / "i"),
                     TESTING=True, SQLALCHEMY_DATABASE_URI=f"sqlite:///{live}")
    init_db(app)
    stop = threading.Event()

    def write() -> None:  # another process's worth of writes: one board per transaction
        with closing(sqlite3.connect(live, timeout=30)) as connection:
            number = 0
            while not stop.is_set() and number < 5000:
                number += 1
                connection.execute("INSERT INTO boards (slug, title, description, position) "
                                   "VALUES (?, ?, '', ?)", (f"b{number}", f"Board {number}", number))
                connection.commit()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        copies = [tmp_path / f"copy{n}.sqlite" for n in range(3)]
        for copy in copies:
            backup(app, copy)
    finally:
        stop.set()
        writer.join(timeout=30)
    counts = []
    for copy in copies:
        with closing(sqlite3.connect(copy)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            count, highest = connection.execute(
                "SELECT count(*), coalesce(max(position), 0) FROM boards").fetchone()
            assert count == highest  # every committed board up to the snapshot, none half-written
            counts.append(count)
    assert counts[-1] > 0 and counts == sorted(counts)  # taken while the writer wrote
