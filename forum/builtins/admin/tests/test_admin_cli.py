"""``forum boards``, ``forum members``, ``forum invites`` and ``forum create-user --role host``,
through the real command group (the click runner), audit-logged like the pages."""


import pytest
from click.testing import CliRunner
from sqlalchemy import select

from forum.builtins.admin.actions import hash_code
from forum.builtins.admin.models import InviteCode
from forum.cli import AppContext, cli
from forum.core.api import AuditEvent, Board, User, db
from forum.testing import PASSWORD, add_user


@pytest.fixture
def forum(app):
    """Run ``forum ARGS`` against ``app``; returns the output (fails on a non-zero exit)."""
    app.extensions["forum"].hook.forum_cli(cli=cli)

    def run(*args, ok=True):
        result = CliRunner().invoke(cli, list(args), obj=AppContext.of(app),
                                    input=f"{PASSWORD}\n{PASSWORD}\n")
        assert (result.exit_code == 0) is ok, result.output
        return result.output

    return run


def actions_logged(app):
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))
        return [(event.action, event.actor_id) for event in events]


def test_boards_add_list_rename_archive(app, forum):
    assert "at /b/welcome" in forum("boards", "add", "Welcome", "--description", "Say hello")
    assert "reviews held posts" in forum("boards", "add", "Held", "--moderation", "pre", ok=False)
    forum("boards", "add", "Staff news", "--slug", "news", "--starters", "moderators",
          "--moderation", "post")
    forum("boards", "rename", "welcome", "Hello")
    forum("boards", "archive", "news")
    listing = forum("boards", "list")
    assert "welcome" in listing and "Hello" in listing
    assert "moderation=post, moderators start topics, archived" in listing
    assert "no board 'nope'" in forum("boards", "rename", "nope", "x", ok=False)
    assert "already uses" in forum("boards", "add", "Again", "--slug", "news", ok=False)
    forum("boards", "archive", "news", "--undo")
    with app.app_context():
        assert db.session.scalar(select(Board).where(Board.slug == "news")).archived is False
    assert [action for action, actor in actions_logged(app)] == [
        "board_create", "board_create", "board_update", "board_archive", "board_unarchive"]
    assert {actor for _action, actor in actions_logged(app)} == {None}


def test_members_list_role_suspend_lift(app, forum):
    add_user(app, "aoi")
    add_user(app, "ren")
    forum("members", "role", "aoi", "moderator")
    assert "moderator" in forum("members", "list", "--search", "ao")
    assert "ren" not in forum("members", "list", "--search", "ao")
    assert "Suspended ren for 7 days." in forum("members", "suspend", "ren", "--reason", "Spam",
                                                "--days", "7")
    assert "suspend" in forum("members", "list")
    assert "Lifted 1 sanction(s)" in forum("members", "lift", "ren")
    assert "No member is called 'nobody'" in forum("members", "role", "nobody", "host", ok=False)
    assert "Give a reason" in forum("members", "suspend", "ren", "--reason", " ", ok=False)
    assert [action for action, _actor in actions_logged(app)] == [
        "role_change", "member_suspend", "member_lift"]


def test_create_user_host_then_invites(make_app):
    app = make_app(community={"registration": "invite"})
    app.extensions["forum"].hook.forum_cli(cli=cli)
    runner = CliRunner()
    obj = AppContext.of(app)
    result = runner.invoke(cli, ["create-user", "hikari", "--role", "host"], obj=obj,
                           input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0 and "Created host 'hikari'" in result.output
    result = runner.invoke(cli, ["invites", "create", "Clinic A", "--uses", "5", "--days", "30"], obj=obj)
    assert result.exit_code == 0, result.output
    code = result.output.split(": ", 1)[1].split()[0]
    listing = runner.invoke(cli, ["invites", "list"], obj=obj).output
    assert "Clinic A" in listing and "uses 0/5" in listing and "usable" in listing and code not in listing
    with app.app_context():
        assert db.session.scalar(select(InviteCode.code_hash)) == hash_code(code)
        assert db.session.scalar(select(User.role).where(User.username == "hikari")) == "host"
    assert runner.invoke(cli, ["invites", "create", "x", "--uses", "0"], obj=obj).exit_code == 2
