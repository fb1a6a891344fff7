"""Administration (built-in): what a host needs to run a community from the browser.

Adds ``/admin`` for hosts (boards: create, rename, describe, reorder, archive, per-board
moderation mode and who starts topics; registration: open, closed or invitation codes;
the effective configuration, secrets hidden) and for moderators too (members: search, role
changes by hosts, warn / silence / suspend with a reason the member sees, history, lift).
Answers ``forum_access_refusal`` (suspended members cannot sign in, silenced members cannot
post or react) and ``forum_redeem_invite``. Declares ``[community] timezone`` and
``[community] registration``. CLI: ``forum boards``, ``forum members``, ``forum invites``.
Every action is audit-logged. Laid out like any plugin; imports only the API.
"""

from __future__ import annotations

from typing import Any

import click
from flask import Flask, flash, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists

from forum.core.api import (
    REGISTRATION_MODES,
    NavItem,
    Section,
    Setting,
    User,
    db,
    hookimpl,
    local_time_text,
    session_fact,
    time_zone,
    utcnow,
    viewer,
)

from . import cli as commands
from . import views
from .actions import (
    history,
    redeem,
    sanctions_in_force,
)
from .models import Sanction


@hookimpl
def forum_settings_schema() -> dict[str, Section]:
    return {"community": Section({
        "timezone": Setting(str, "UTC", "IANA time zone for dates, e.g. \"Asia/Tokyo\"", check=time_zone),
        "registration": Setting(str, "open", "who may create an account",
                                choices=REGISTRATION_MODES),
    })}


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    app.register_blueprint(views.bp)
    app.before_request(_show_warnings)


@hookimpl
def forum_nav_items(user: User | None) -> list[NavItem]:
    if user is None or not user.is_moderator:
        return []
    if user.is_host:
        return [NavItem(str(_l("Admin")), url_for("admin.index"), order=90)]
    return [NavItem(str(_l("Members")), url_for("admin.members"), order=90)]


SANCTIONED = "admin_sanctioned"  # a session fact: the member has a sanction not lifted


@hookimpl
def forum_session_facts() -> dict[str, Any]:
    # Not lifted, whatever its end: the rows themselves say whether it is in force now. Most
    # members have none, and then their pages read no sanctions at all.
    return {SANCTIONED: exists().where(Sanction.user_id == User.id, Sanction.lifted_at.is_(None))}


def _in_force(user: User) -> list[Sanction]:
    """Once per request: both refusals and the warning notice read the same rows."""
    from flask import g

    if "admin_sanctions" not in g:
        sanctioned = session_fact(user, SANCTIONED)
        known_clear = sanctioned is not None and not sanctioned  # SQLite answers 0, not False
        g.admin_sanctions = [] if known_clear else sanctions_in_force(user)
    return g.admin_sanctions


def _refusal_text(entry: Sanction) -> str:
    if entry.kind == "suspend":
        lead = (_("Your account is suspended until %(until)s.", until=local_time_text(entry.until))
                if entry.until else _("Your account is suspended."))
    else:
        lead = _("You can read, but not post or react, until %(until)s.",
                 until=local_time_text(entry.until))
    reason = _("Reason: %(reason)s", reason=entry.reason)
    return f"{lead} {reason}"


@hookimpl
def forum_access_refusal(user: User, action: str) -> str | None:
    kinds = {"sign_in": ("suspend",), "write": ("suspend", "silence")}.get(action, ())
    for entry in _in_force(user):
        if entry.kind in kinds:
            return _refusal_text(entry)
    return None


def _show_warnings() -> None:
    """A warning is shown to the member once, on their next page."""
    user = viewer()
    if user is None:
        return
    warnings = [entry for entry in _in_force(user) if entry.kind == "warn"]
    for entry in warnings:
        flash(_("A moderator has sent you a warning: %(reason)s", reason=entry.reason), "error")
        entry.seen_at = utcnow()
    if warnings:
        db.session.commit()


@hookimpl
def forum_redeem_invite(code: str, user: User) -> bool | str:
    return redeem(code, user)


@hookimpl
def forum_member_export(user: User) -> dict[str, Any]:
    return {"sanctions": [
        {"kind": entry.kind, "reason": entry.reason, "at": entry.created_at.isoformat(),
         "until": entry.until.isoformat() if entry.until else None,
         "lifted": entry.lifted_at.isoformat() if entry.lifted_at else None}
        for entry in history(user)]}


@hookimpl
def forum_cli(cli: click.Group) -> None:
    commands.add_commands(cli)


@hookimpl
def forum_audit_actions() -> dict[str, str]:
    return {"role_change": _l("Role changed"), "board_create": _l("Board created"),
            "board_update": _l("Board changed"), "board_move": _l("Board moved"),
            "board_archive": _l("Board archived"), "board_unarchive": _l("Board opened again"),
            "member_warn": _l("Member warned"), "member_silence": _l("Member silenced"),
            "member_suspend": _l("Member suspended"), "member_lift": _l("Sanction lifted"),
            "invite_create": _l("Invitation code made"), "invite_revoke": _l("Invitation code revoked"),
            "invite_use": _l("Joined with an invitation code")}
