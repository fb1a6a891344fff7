"""Synthetic participants through the plugin's real models: consent, use on known days, scores."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from forum.core.api import User, db, utcnow
from forum.testing import add_user
from plugins.research.models import ResearchConsent, UsageEvent
from plugins.research.tests import fake_outcomes

RESEARCH_ONLY = ["research", fake_outcomes.NAME]
OUTCOME_COLUMNS = [
    {"key": "dd_total", "label": "D-D scale: Total", "instrument": "dd", "measures": ""},
    {"key": "ghsq_formal", "label": "GHSQ: Formal help", "instrument": "ghsq", "measures": ""},
]


def seed(
    app, name: str, every: dict[str, int], consent_days_ago: int | None = 400, joined_days_ago: int = 400
) -> int:
    """A member who consented ``consent_days_ago`` and used each function every n-th day since
    (today included). ``every`` may give a count instead: ``{"sign_in": -12}`` = the last 12 days."""
    user = add_user(app, name)
    with app.app_context():
        now = utcnow()
        db.session.get(User, user.id).created_at = now - timedelta(days=joined_days_ago)
        if consent_days_ago is not None:
            db.session.add(
                ResearchConsent(user_id=user.id, consented_at=now - timedelta(days=consent_days_ago))
            )
        span = min(365, (consent_days_ago if consent_days_ago is not None else 365) + 1)
        for function, step in every.items():
            days = range(-step) if step < 0 else range(0, span, step)
            db.session.add_all(
                UsageEvent(user_id=user.id, function=function, day=now.date() - timedelta(days=d))
                for d in days
            )
        db.session.commit()
    return user.id


def add_scores(user_id: int, days_ago: int, instrument: str, **scores: Any) -> None:
    """An administration as the outcomes plugin would report it."""
    fake_outcomes.ADMINISTRATIONS.append(
        {
            "user_id": user_id,
            "instrument": instrument,
            "taken_at": utcnow() - timedelta(days=days_ago),
            "scores": {f"{instrument}_{key}": value for key, value in scores.items()},
        }
    )
