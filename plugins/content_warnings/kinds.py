"""The host's list of warnings, their labels, and the reader's choices (once per request)."""

from __future__ import annotations

from flask import g
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from forum.core.api import User, db, settings

from .models import DEFAULT_CHOICE, WarningChoice

# Kinds with a label in the catalogs; a host may name others, shown as written.
KNOWN = {
    "self_harm": _l("Self-harm"),
    "suicide": _l("Suicide"),
    "trauma": _l("Trauma"),
    "eating": _l("Eating"),
    "substance_use": _l("Substance use"),
    "abuse": _l("Abuse"),
    "grief": _l("Grief"),
}
NOTE_MAX = 80


def kinds() -> list[str]:
    return list(settings()["content_warnings"]["choices"])


def label(kind: str) -> str:
    return str(KNOWN.get(kind, kind.replace("_", " ")))


def choices_of(user: User | None) -> dict[str, str]:
    """The reader's choice per kind (missing kinds: collapse), loaded once per request."""
    if user is None:
        return {}
    cache = g.setdefault("content_warning_choices", {})
    if user.id not in cache:
        cache[user.id] = dict(db.session.execute(
            select(WarningChoice.kind, WarningChoice.choice).where(WarningChoice.user_id == user.id)).all())
    return cache[user.id]


def choice_for(user: User | None, kind: str) -> str:
    return choices_of(user).get(kind, DEFAULT_CHOICE)
