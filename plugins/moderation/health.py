"""Queue health for hosts: what waits, for how long, and how fast moderators answer.

A handful of grouped queries over ``moderation_items`` and the audit log; durations are taken
in Python over the entries of the last 30 days (a community's queue is hundreds, not millions).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from forum.core.api import AuditEvent, User, db, settings, utcnow

from .models import OPEN_STATUSES, ModerationItem

WINDOWS = (7, 30)
# Audit actions that are a moderator's decision on a queue entry.
DECISION_ACTIONS = ("approve", "reject", "edit_approve", "reviewed", "escalate", "resolve", "claim",
                    "check_in")


@dataclass(frozen=True)
class Durations:
    count: int
    median: timedelta | None
    p90: timedelta | None


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile (``share`` 0.5 is the median); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-int(share * 100) * len(ordered) // 100))  # ceil(share * n)
    return ordered[rank - 1]


def durations(seconds: list[float]) -> Durations:
    def as_delta(value: float | None) -> timedelta | None:
        return None if value is None else timedelta(seconds=round(value))

    return Durations(len(seconds), as_delta(percentile(seconds, 0.5)), as_delta(percentile(seconds, 0.9)))


def queue_health(now: datetime | None = None) -> dict[str, Any]:
    now = now or utcnow()
    open_entry = ModerationItem.status.in_(OPEN_STATUSES)
    waiting = db.session.execute(
        select(ModerationItem.kind, ModerationItem.tier, func.count(ModerationItem.id))
        .where(open_entry).group_by(ModerationItem.kind, ModerationItem.tier)
        .order_by(ModerationItem.kind, ModerationItem.tier)).all()
    limit = settings()["notify"]["escalate_after_minutes"]
    unclaimed = db.session.scalar(select(func.count(ModerationItem.id)).where(
        open_entry, ModerationItem.urgent.is_(True), ModerationItem.claimed_by_id.is_(None),
        ModerationItem.created_at <= now - timedelta(minutes=limit)))
    return {
        "now": now,
        "waiting": [(kind, tier, count) for kind, tier, count in waiting],
        "oldest": db.session.scalar(select(func.min(ModerationItem.created_at)).where(open_entry)),
        "unclaimed_urgent": unclaimed or 0,
        "limit_minutes": limit,
        "speed": {days: _speed(now - timedelta(days=days)) for days in WINDOWS},
        "per_moderator": _decisions_per_moderator(now - timedelta(days=max(WINDOWS))),
    }


def _speed(since: datetime) -> dict[str, Durations]:
    """Time to first review (claim or decision) and to resolution, for entries created since."""
    rows = db.session.execute(select(ModerationItem.created_at, ModerationItem.claimed_at,
                                     ModerationItem.resolved_at)
                              .where(ModerationItem.created_at >= since)).all()
    first, resolved = [], []
    for created, claimed, closed in rows:
        seen = min((moment for moment in (claimed, closed) if moment is not None), default=None)
        if seen is not None:
            first.append((seen - created).total_seconds())
        if closed is not None:
            resolved.append((closed - created).total_seconds())
    return {"first_review": durations(first), "resolution": durations(resolved)}


def _decisions_per_moderator(since: datetime) -> list[tuple[str, int, dict[str, int]]]:
    """(moderator, decisions, {action: count}) over the last 30 days, busiest first."""
    rows = db.session.execute(
        select(User.username, AuditEvent.action, func.count(AuditEvent.id))
        .join(User, User.id == AuditEvent.actor_id)
        .where(AuditEvent.at >= since, AuditEvent.action.in_(DECISION_ACTIONS),
               User.role.in_(("moderator", "host")))
        .group_by(User.username, AuditEvent.action)).all()
    per: dict[str, Counter[str]] = {}
    for name, action, count in rows:
        per.setdefault(name, Counter())[action] += count
    return sorted(((name, sum(c.values()), dict(c)) for name, c in per.items()), key=lambda r: (-r[1], r[0]))
