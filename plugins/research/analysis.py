"""What hosts and researchers get: each participant's categories, Table 1, correlations, export.

Only members with a consent row take part. Nothing here reads member text: the inputs are
usage dates, consent dates and (through the questionnaires plugin's public functions) scores.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from forum.core.api import db, forum_state, settings, utcnow

from .frequency import CATEGORIES, Category, frequency_category, spearman
from .models import ResearchConsent, UsageEvent
from .recording import research_state

# The functions the U2plus survey asked about, in its order, then the HORYZONS-style ones.
STUDY_FUNCTIONS = ("sign_in", "react", "read_profiles", "formulation", "funcan", "thought_record",
                   "discussions", "comments")
FUNCTION_LABELS = {
    "sign_in": _l("Signing in"),
    "react": _l("Reacting to others' posts"),
    "read_profiles": _l("Reading profiles"),
    "formulation": _l("Formulation"),
    "funcan": _l("FunCan"),
    "thought_record": _l("Thought record"),
    "discussions": _l("Discussions"),
    "comments": _l("Comments"),
}
CORE_FUNCTIONS = ("sign_in", "read_profiles")  # reported by the core's sign-in and profile pages


def measured_functions(forum: Any, configured: list[str]) -> tuple[str, ...]:
    """The host's list, else what this community offers: the core's sign-in and profile pages,
    every content type's function, and reacting when some type takes reactions."""
    if configured:
        return tuple(configured)
    found = set(CORE_FUNCTIONS)
    found.update(ct.function for ct in forum.content_types.values() if ct.function)
    if any(policy.reactions for policy in forum.policies.values()):
        found.add("react")
    return tuple(sorted(found, key=lambda f: (STUDY_FUNCTIONS.index(f) if f in STUDY_FUNCTIONS else 99, f)))


def functions_in_use() -> list[str]:
    return list(research_state().functions)


def function_label(function: str) -> str:
    if function in FUNCTION_LABELS:
        return str(FUNCTION_LABELS[function])
    owner = next((ct for ct in forum_state().content_types.values() if ct.function == function), None)
    return owner.label if owner else function.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Participant:
    user_id: int
    days_observed: int  # days since consent, at most the window
    active_days: dict[str, int]
    categories: dict[str, Category]


def window_days() -> int:
    return settings()["research"]["window_days"]


def participants(functions: list[str], today: date | None = None) -> list[Participant]:
    """Every consenting member with active days and category per function, in two queries."""
    today = today or utcnow().date()
    window = window_days()
    consents = db.session.scalars(select(ResearchConsent).order_by(ResearchConsent.user_id)).all()
    start = today - timedelta(days=window - 1)
    counts: dict[tuple[int, str], int] = {
        (user_id, function): days for user_id, function, days in db.session.execute(
            select(UsageEvent.user_id, UsageEvent.function, func.count())
            .where(UsageEvent.day >= start, UsageEvent.day <= today)
            .group_by(UsageEvent.user_id, UsageEvent.function))
    }
    people = []
    for consent in consents:
        active = {function: counts.get((consent.user_id, function), 0) for function in functions}
        observed = min(window, (today - consent.consented_at.date()).days + 1)
        people.append(Participant(consent.user_id, observed, active,
                                  {f: frequency_category(days, window) for f, days in active.items()}))
    return people


def percent(part: int, whole: int) -> float:
    exact = Decimal(part * 100) / Decimal(whole)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class DistributionRow:
    function: str
    cells: list[tuple[Category, int, float]]  # category, n, % of participants


def distribution(people: list[Participant], functions: list[str]) -> list[DistributionRow]:
    """Table 1 of the study: for each function, how many participants fall in each category."""
    rows = []
    for function in functions:
        cells = []
        for category in CATEGORIES:
            n = sum(1 for person in people if person.categories[function] is category)
            cells.append((category, n, percent(n, len(people)) if people else 0.0))
        rows.append(DistributionRow(function, cells))
    return rows


def questionnaire_scores(user_ids: Iterable[int]) -> tuple[list[tuple[str, str]], dict[int, dict[str, Any]]]:
    """(score columns, latest scores per member) from the questionnaires plugin, if enabled."""
    questionnaires = forum_state().plugins.get("questionnaires")
    if questionnaires is None:
        return [], {}
    return questionnaires.score_columns(), questionnaires.latest_scores(list(user_ids))


@dataclass(frozen=True)
class Correlation:
    function: str
    column: str
    n: int
    rho: float | None  # None: undefined, or fewer members than the minimum group size


def correlations(people: list[Participant], functions: list[str], columns: list[str],
                 scores: dict[int, dict[str, Any]], min_n: int) -> list[Correlation]:
    """Spearman's rho between each function's category code and each latest score."""
    found = []
    for function in functions:
        for column in columns:
            pairs = [(person.categories[function].code, value) for person in people
                     if (value := scores.get(person.user_id, {}).get(column)) is not None]
            rho = spearman([p[0] for p in pairs], [p[1] for p in pairs]) if len(pairs) >= min_n else None
            found.append(Correlation(function, column, len(pairs), rho))
    return found


def research_key() -> bytes:
    """The community's research secret, or one derived from the app's secret key."""
    secret = settings()["research"]["secret"]
    if secret:
        return secret.encode()
    return hmac.new(current_app.config["SECRET_KEY"].encode(), b"forum research id", hashlib.sha256).digest()


def research_id(user_id: int, key: bytes) -> str:
    """A stable pseudonym: HMAC-SHA256 of the member id; without the key it can't be reversed."""
    return hmac.new(key, f"member:{user_id}".encode(), hashlib.sha256).hexdigest()[:20]


def _number(value: float | None) -> int | float | str:
    """Scores as researchers expect them: 7 not 7.0; an empty cell when there is none."""
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else value


def export_table() -> tuple[list[str], list[list[Any]]]:
    """One row per consenting member: research id, usage per function, latest scores. No text."""
    functions = functions_in_use()
    people = participants(functions)
    columns, scores = questionnaire_scores(p.user_id for p in people)
    key = research_key()
    header = ["research_id", "days_observed"]
    for function in functions:
        header += [f"{function}_category", f"{function}_code", f"{function}_days"]
    header += [column for column, _label in columns]
    rows = []
    for person in people:
        row: list[Any] = [research_id(person.user_id, key), person.days_observed]
        for function in functions:
            category = person.categories[function]
            row += [category.key, category.code, person.active_days[function]]
        member_scores = scores.get(person.user_id, {})
        row += [_number(member_scores.get(column)) for column, _label in columns]
        rows.append(row)
    return header, sorted(rows, key=lambda row: row[0])  # never in user-id (joining) order
