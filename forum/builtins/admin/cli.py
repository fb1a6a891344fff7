"""``forum boards``, ``forum members``, ``forum invites``: the administration pages' actions at
the console (audit-logged with no actor: the host at the server).

    forum boards add "Recovery stories" [--slug recovery] [--description ...]
                     [--moderation pre|screened|post] [--starters members|moderators]
    forum boards list | rename SLUG "New name" | archive SLUG [--undo]
    forum members list [--search NAME] | role NAME member|moderator|host
    forum members suspend NAME --reason "..." [--days N] | lift NAME
    forum invites create "Clinic A, spring group" [--uses N] [--days N] | list
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

import click
from sqlalchemy import select

from forum.core.api import (
    MODERATION_MODES,
    ROLES,
    TOPIC_STARTERS,
    Board,
    User,
    db,
    username_key,
    utcnow,
)

from .actions import (
    ActionError,
    all_invites,
    create_board,
    create_invite,
    find_member,
    lift,
    sanction,
    sanctions_in_force,
    set_archived,
    set_role,
    update_board,
)


def add_commands(cli: click.Group) -> None:
    for group in (boards, members, invites):
        cli.add_command(group)


@contextmanager
def _app_context(obj: Any) -> Iterator[None]:
    """The community's app (the ``forum`` command builds it from --config), refusals as errors."""
    with obj.app.app_context():
        try:
            yield
        except ActionError as error:
            db.session.rollback()
            raise click.ClickException(error.message) from None


def in_app(command: Callable[..., None]) -> Callable[..., None]:
    @click.pass_obj
    @wraps(command)
    def wrapped(obj: Any, *args: Any, **kwargs: Any) -> None:
        with _app_context(obj):
            command(*args, **kwargs)

    return wrapped


def _board(slug: str) -> Board:
    board = db.session.scalar(select(Board).where(Board.slug == slug))
    if board is None:
        raise click.ClickException(f"no board {slug!r}; `forum boards list` shows them")
    return board


@click.group(help="Create, list, rename and archive boards.")
def boards() -> None:
    pass


@boards.command("add")
@click.argument("title")
@click.option("--slug", default="", help="Address /b/SLUG (default: made from the title).")
@click.option("--description", default="")
@click.option("--moderation", type=click.Choice(("", *MODERATION_MODES)), default="",
              help="Override the community's moderation mode on this board.")
@click.option("--starters", type=click.Choice(TOPIC_STARTERS), default="members",
              help="Who may start topics.")
@in_app
def boards_add(title: str, slug: str, description: str, moderation: str, starters: str) -> None:
    """Create a board."""
    board = create_board(None, title, slug, description, moderation, starters)
    click.echo(f"Created board {board.title!r} at /b/{board.slug}.")


@boards.command("list")
@in_app
def boards_list() -> None:
    """List boards in home-page order."""
    for board in db.session.scalars(select(Board).order_by(Board.position, Board.title)):
        flags = [f"moderation={board.moderation}"] if board.moderation else []
        flags += ["moderators start topics"] if board.topic_starters == "moderators" else []
        flags += ["archived"] if board.archived else []
        click.echo(f"{board.slug:<24} {board.title}" + (f"  ({', '.join(flags)})" if flags else ""))


@boards.command("rename")
@click.argument("slug")
@click.argument("title")
@in_app
def boards_rename(slug: str, title: str) -> None:
    """Give a board a new name (its address stays)."""
    update_board(None, _board(slug), title=title)
    click.echo(f"Renamed /b/{slug} to {title!r}.")


@boards.command("archive")
@click.argument("slug")
@click.option("--undo", is_flag=True, help="Open an archived board again.")
@in_app
def boards_archive(slug: str, undo: bool) -> None:
    """Archive a board: readable, no new topics, off the home page."""
    set_archived(None, _board(slug), not undo)
    click.echo(f"{'Opened' if undo else 'Archived'} /b/{slug}.")


@click.group(help="List members, change roles, suspend and lift.")
def members() -> None:
    pass


@members.command("list")
@click.option("--search", default="", help="Part of a pseudonym.")
@in_app
def members_list(search: str) -> None:
    """List members with their role and any suspension or silence in force."""
    statement = select(User).order_by(User.username_key)
    if search:
        statement = statement.where(User.username_key.contains(username_key(search), autoescape=True))
    for member in db.session.scalars(statement):
        kinds = sorted({entry.kind for entry in sanctions_in_force(member)} - {"warn"})
        click.echo(f"{member.username:<32} {member.role:<10} {' '.join(kinds)}".rstrip())


@members.command("role")
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
@in_app
def members_role(name: str, role: str) -> None:
    """Make a member a member, moderator or host."""
    member = find_member(name)
    set_role(None, member, role)
    click.echo(f"{member.username} is now {role}.")


@members.command("suspend")
@click.argument("name")
@click.option("--reason", required=True, help="Shown to the member when they try to sign in.")
@click.option("--days", type=click.IntRange(min=1), default=None, help="Default: until lifted.")
@in_app
def members_suspend(name: str, reason: str, days: int | None) -> None:
    """Suspend a member: they are signed out and cannot sign in."""
    member = find_member(name)
    sanction(None, member, "suspend", reason, days)
    click.echo(f"Suspended {member.username}" + (f" for {days} days." if days else " until lifted."))


@members.command("lift")
@click.argument("name")
@in_app
def members_lift(name: str) -> None:
    """Lift every suspension and silence in force on a member."""
    member = find_member(name)
    entries = [entry for entry in sanctions_in_force(member) if entry.kind != "warn"]
    for entry in entries:
        lift(None, entry)
    click.echo(f"Lifted {len(entries)} sanction(s) on {member.username}.")


@click.group(help="Invitation codes for registration = \"invite\".")
def invites() -> None:
    pass


@invites.command("create")
@click.argument("label")
@click.option("--uses", type=click.IntRange(min=1), default=None, help="Default: no limit.")
@click.option("--days", type=click.IntRange(min=1), default=None, help="Default: no expiry.")
@in_app
def invites_create(label: str, uses: int | None, days: int | None) -> None:
    """Make a code (printed once: only its hash is stored)."""
    _invite, code = create_invite(None, label, uses, days)
    click.echo(f"Invitation code for {label!r}: {code}")
    click.echo("Write it down now: it is not shown again.")


@invites.command("list")
@in_app
def invites_list() -> None:
    """List codes (never the codes themselves) with uses and expiry."""
    now = utcnow()
    for invite in all_invites():
        limit = f"{invite.uses}/{invite.max_uses}" if invite.max_uses else f"{invite.uses}/-"
        expires = f"{invite.expires_at:%Y-%m-%d %H:%M} UTC" if invite.expires_at else "no expiry"
        state = "usable" if invite.usable(now) else "revoked" if invite.revoked_at else "used up or expired"
        click.echo(f"{invite.label:<32} uses {limit:<8} {expires:<22} {state}")
