"""Recording usage: consenting members only, listed functions only, one row per member,
function and day.

Only the functions the consent page lists are recorded (a plugin's own function is measured once
it declares it on a content type, or the host lists it in [research] functions). Repeated page
views cost nothing: a per-process set remembers today's (member, function) pairs
already written, and the insert ignores a duplicate that another process wrote first
(INSERT ... ON CONFLICT DO NOTHING on SQLite and PostgreSQL alike).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import current_app, g
from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite

from forum.core.api import User, db, utcnow

from .models import ResearchConsent, ResearchProfile, UsageEvent

log = logging.getLogger(__name__)
UPSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


@dataclass
class RecordedToday:
    """(member id, function) pairs this process has already written today."""

    day: date | None = None
    pairs: set[tuple[int, str]] = field(default_factory=set)

    def seen(self, today: date, pair: tuple[int, str]) -> bool:
        if self.day != today:
            self.day, self.pairs = today, set()
        return pair in self.pairs

    def forget(self, user_id: int) -> None:
        self.pairs = {pair for pair in self.pairs if pair[0] != user_id}


@dataclass
class Research:
    """Per-app state: the functions members consent to, in table order, and today's writes."""

    functions: tuple[str, ...]
    today: RecordedToday = field(default_factory=RecordedToday)


def research_state() -> Research:
    return current_app.extensions["research"]


def has_consent(user_id: int) -> bool:
    """Asked at most once per request for a member (non-consenting members are never written)."""
    cache: dict[int, bool] = g.setdefault("research_consent", {})
    if user_id not in cache:
        cache[user_id] = db.session.get(ResearchConsent, user_id) is not None
    return cache[user_id]


def record(user: User, function: str) -> None:
    state = research_state()
    if function not in state.functions:
        log.debug("usage of %r not recorded: members were not asked about it", function)
        return
    today = utcnow().date()
    pair = (user.id, function)
    if state.today.seen(today, pair) or not has_consent(user.id):
        return
    _insert_once({"user_id": user.id, "function": function, "day": today})
    db.session.commit()
    state.today.pairs.add(pair)


def _insert_once(values: dict[str, Any]) -> None:
    """The forum runs on SQLite or PostgreSQL; both skip a row the unique constraint already has."""
    upsert = UPSERTS[db.session.get_bind().dialect.name]
    db.session.execute(upsert(UsageEvent).values(**values).on_conflict_do_nothing(
        index_elements=["user_id", "function", "day"]))


def give_consent(user: User) -> None:
    if db.session.get(ResearchConsent, user.id) is None:
        db.session.add(ResearchConsent(user_id=user.id))
    db.session.commit()
    g.pop("research_consent", None)


def withdraw_consent(user_id: int, commit: bool = True) -> None:
    """Stop recording and delete everything recorded, so the member leaves every later export.

    ``commit=False`` inside an account deletion, which commits once for everything."""
    db.session.execute(delete(UsageEvent).where(UsageEvent.user_id == user_id))
    db.session.execute(delete(ResearchProfile).where(ResearchProfile.user_id == user_id))
    db.session.execute(delete(ResearchConsent).where(ResearchConsent.user_id == user_id))
    if commit:
        db.session.commit()
    g.pop("research_consent", None)
    research_state().today.forget(user_id)
