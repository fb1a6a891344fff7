"""The host's list of roles, and their labels in the community's language."""

from __future__ import annotations

from flask import g
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from sqlalchemy import select

from forum.core.api import db, settings

from .models import Badge

# Roles with a label in the catalogs; a host may name others, shown as written.
KNOWN = {
    "peer_supporter": _l("Peer supporter"),
    "trained_moderator": _l("Trained moderator"),
    "clinician": _l("Clinician"),
    "volunteer": _l("Volunteer"),
    "researcher": _l("Researcher"),
}


def roles() -> list[str]:
    return list(settings()["badges"]["roles"])


def label(role: str) -> str:
    return str(KNOWN.get(role, role.replace("_", " ")))


def badges() -> dict[int, Badge]:
    """Every badge, once per request: a community has few, and a page of bylines needs them all."""
    if "badges_by_user" not in g:
        g.badges_by_user = {badge.user_id: badge for badge in db.session.scalars(select(Badge))}
    return g.badges_by_user


def badge_html(badge: Badge) -> Markup:
    title = f' title="{escape(badge.note)}"' if badge.note else ""
    return Markup(f'<span class="tag role-badge"{title}>{escape(label(badge.role))}</span>')
