"""Role badges: hosts give members a visible role (peer supporter, clinician, ...) from the list
in ``[badges] roles``, with an optional training note; every byline and the member's page show
it. Only hosts give or remove a badge, never for themselves (checked on the server); each change
is in the audit log. Moderators and hosts are marked by the core itself.

Adds: the [badges] table, ``forum_author_badge``, ``/badges`` (hosts), the badge on member pages,
the member's badge in their data export, deletion with the account.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template, url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import delete

from forum.core.api import NavItem, Section, Setting, User, db, hookimpl

from . import views
from .models import Badge
from .roles import badge_html, badges, label


@hookimpl
def forum_settings_schema() -> dict[str, Section]:
    return {"badges": Section({
        "roles": Setting(list, ["peer_supporter", "trained_moderator", "clinician"],
                         "roles hosts may give (peer_supporter, trained_moderator, clinician, volunteer, "
                         "researcher, or your own words)",
                         items=str, minimum=1, maximum=20, pattern=r"[\w .\-]{1,40}",
                         pattern_help="a role of 1 to 40 letters, digits, spaces, '_', '.' or '-'"),
    })}


@hookimpl
def forum_configure(app: Flask) -> None:
    app.register_blueprint(views.bp)


@hookimpl
def forum_author_badge(author: User) -> Markup | None:
    badge = badges().get(author.id)
    return badge_html(badge) if badge else None


@hookimpl
def forum_nav_items(user: User | None) -> list[NavItem]:
    return [NavItem(str(_l("Badges")), url_for("badges.manage"), order=92)] if user and user.is_host else []


@hookimpl(tryfirst=True)
def forum_profile_sections(user: User, viewer: User | None) -> list[Markup]:
    badge = badges().get(user.id)
    if badge is None:
        return []
    return [Markup(render_template("badges/_profile.html", badge=badge, label=label(badge.role)))]


@hookimpl
def forum_member_export(user: User) -> dict[str, Any]:
    badge = db.session.get(Badge, user.id)
    return {"badge": {"role": badge.role, "note": badge.note} if badge else None}


@hookimpl
def forum_member_delete(user: User) -> None:
    db.session.execute(delete(Badge).where(Badge.user_id == user.id))


@hookimpl
def forum_audit_actions() -> dict[str, str]:
    return {"give_badge": _l("Badge given"), "remove_badge": _l("Badge removed")}
