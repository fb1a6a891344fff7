"""The seven parts of the plan, and reading and writing one member's plan."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from forum.core.api import User, db, utcnow

from .models import SafetyPlan

# (key, heading, prompt): the order of the Stanley-Brown Safety Planning Intervention.
PARTS = (
    ("warning_signs", _l("My warning signs"),
     _l("Thoughts, feelings, situations or things I do that tell me a crisis may be coming.")),
    ("coping", _l("What I can do on my own"),
     _l("Things that take my mind off my problems without contacting anyone (a walk, music, a shower).")),
    ("distraction", _l("People and places that distract me"),
     _l("People I can be with and places I can go to think of something else.")),
    ("help_people", _l("People I can ask for help"),
     _l("Names and how to reach them: people I can tell that I am struggling.")),
    ("professionals", _l("Professionals and services I can call"),
     _l("My doctor or therapist, a crisis line, the emergency number, with phone numbers.")),
    ("environment", _l("Making my surroundings safe"),
     _l("What I can put away, give to someone, or stay away from when things are hard.")),
    ("reasons", _l("My reasons for living"),
     _l("The people, plans and things that matter most to me.")),
)
KEYS = tuple(key for key, _heading, _prompt in PARTS)
MAX_LENGTH = 2000


def plan_of(user: User) -> SafetyPlan | None:
    return db.session.scalar(select(SafetyPlan).where(SafetyPlan.user_id == user.id))


def save_plan(user: User, parts: dict[str, str]) -> SafetyPlan | None:
    """Store the member's parts (an empty plan is no plan). Commits."""
    kept = {key: (parts.get(key) or "").strip() for key in KEYS}
    plan = plan_of(user)
    if not any(kept.values()):
        delete_plan(user)
        db.session.commit()
        return None
    if plan is None:
        plan = SafetyPlan(user_id=user.id)
        db.session.add(plan)
    plan.parts = kept
    plan.updated_at = utcnow()
    db.session.commit()
    return plan


def as_data(plan: SafetyPlan) -> dict[str, Any]:
    return {**{key: plan.parts.get(key, "") for key in KEYS}, "updated": plan.updated_at.isoformat()}


def delete_plan(user: User) -> None:
    db.session.execute(delete(SafetyPlan).where(SafetyPlan.user_id == user.id))
