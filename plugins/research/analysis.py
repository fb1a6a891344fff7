"""What hosts and researchers get: each participant's categories, and the paper's analysis.

Only members with a consent row take part. Nothing here reads member text: the inputs are usage
dates, consent and join dates, the optional research profile and (through the
``research_outcome_columns`` / ``research_administrations`` hooks) scores. Every published count
from 1 to ``min_group_size - 1`` is hidden (``Cell.n`` None), and a statistic over fewer members
than that is not computed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from forum.core.api import User, db, forum_state, hook, settings, utcnow

from . import stats
from .frequency import (
    CATEGORIES,
    FREQUENCIES,
    LENGTHS,
    TOO_NEW,
    Category,
    by_code,
    frequency_category,
    length_category,
)
from .models import ResearchConsent, ResearchProfile, UsageEvent
from .questions import NOT_SAID, PROFILE_QUESTIONS
from .recording import research_state

# The functions the U2plus survey asked about, in its order, then the HORYZONS-style ones.
STUDY_FUNCTIONS = (
    "sign_in",
    "react",
    "read_profiles",
    "formulation",
    "funcan",
    "thought_record",
    "discussions",
    "comments",
)
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
CORE_FUNCTIONS = ("sign_in", "read_profiles")  # reported by the core (any signed-in day, profile pages)
FIXED_DEFINITIONS = {
    "sign_in": _l("any day you open a page while signed in"),
    "react": _l("reacting to a post"),
    "read_profiles": _l("opening another member's profile, or the list of profiles"),
}
ACTION_WORDS = {  # the actions a ContentType's ``usage`` may declare, in this order
    "write": _l("writing or editing an entry"),
    "share": _l("sharing one with the community"),
    "read_others": _l("reading other members' entries"),
}


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


def function_definition(function: str) -> str:
    """What counts as a use of ``function``, in the words of the consent page: the core's own
    definitions, else the actions the owning content type declares in ``ContentType.usage``."""
    if function in FIXED_DEFINITIONS:
        return str(FIXED_DEFINITIONS[function])
    owner = next((ct for ct in forum_state().content_types.values() if ct.function == function), None)
    actions = owner.usage if owner else frozenset()
    words = [str(text) for action, text in ACTION_WORDS.items() if action in actions]
    return "; ".join(words) if words else str(_l("as the part of the site that offers it reports it"))


def research_settings() -> dict[str, Any]:
    return settings()["research"]


def window_days() -> int:
    return research_settings()["window_days"]


def min_group_size() -> int:
    return research_settings()["min_group_size"]


@dataclass(frozen=True)
class Participant:
    user_id: int
    consented_on: date
    days_observed: int  # days since consent (the day of consent counts), at most the window
    days_used: dict[str, int]
    categories: dict[str, Category]
    length: Category  # time since the member joined the community
    profile: dict[str, str] = field(default_factory=dict)

    @property
    def too_new(self) -> bool:
        return next(iter(self.categories.values()), None) is TOO_NEW


def participants(functions: Sequence[str], today: date | None = None) -> list[Participant]:
    """Every consenting member with days used and category per function, in three queries."""
    today = today or utcnow().date()
    window = window_days()
    least = research_settings()["min_observed_days"]
    start = today - timedelta(days=window - 1)
    counts: dict[tuple[int, str], int] = {
        (user_id, function): days
        for user_id, function, days in db.session.execute(
            select(UsageEvent.user_id, UsageEvent.function, func.count())
            .where(UsageEvent.day >= start, UsageEvent.day <= today)
            .group_by(UsageEvent.user_id, UsageEvent.function)
        )
    }
    profiles = {p.user_id: p for p in db.session.scalars(select(ResearchProfile))}
    people = []
    for consent, joined in db.session.execute(
        select(ResearchConsent, User.created_at)
        .join(User, User.id == ResearchConsent.user_id)
        .order_by(ResearchConsent.user_id)
    ):
        consented_on = consent.consented_at.date()
        observed = max(0, min(window, (today - consented_on).days + 1))
        used = {f: min(observed, counts.get((consent.user_id, f), 0)) for f in functions}
        people.append(
            Participant(
                consent.user_id,
                consented_on,
                observed,
                used,
                {f: frequency_category(days, observed, least) for f, days in used.items()},
                length_category((today - joined.date()).days),
                _profile_answers(profiles.get(consent.user_id)),
            )
        )
    return people


def _profile_answers(profile: ResearchProfile | None) -> dict[str, str]:
    return {q.field: (getattr(profile, q.field) or "") if profile else "" for q in PROFILE_QUESTIONS}


# --- outcomes, through the hooks research declares ---------------------------------------------


@dataclass(frozen=True)
class Outcomes:
    columns: list[dict[str, str]]  # key, label, instrument, measures
    administrations: list[dict[str, Any]]  # oldest first

    def latest(self) -> dict[int, dict[str, float | None]]:
        """Member id -> column -> the member's latest score of that column's instrument."""
        found: dict[int, dict[str, float | None]] = {}
        for administration in self.administrations:
            found.setdefault(administration["user_id"], {}).update(administration["scores"])
        return found

    @property
    def outcome_columns(self) -> list[dict[str, str]]:
        return [c for c in self.columns if not c.get("measures")]

    def self_report(self, measures: str) -> dict[str, str] | None:
        return next((c for c in self.columns if c.get("measures") == measures), None)


def outcomes(user_ids: Iterable[int]) -> Outcomes:
    """Score columns and administrations from whichever plugins answer (none: usage only)."""
    ids = list(user_ids)
    columns = [c for answer in hook().research_outcome_columns() for c in answer or ()]
    administrations = [a for answer in hook().research_administrations(user_ids=ids) for a in answer or ()]
    administrations.sort(key=lambda a: a["taken_at"])
    return Outcomes(columns, administrations)


# --- counts with small cells hidden ------------------------------------------------------------


def percent(part: int, whole: int) -> float:
    exact = Decimal(part * 100) / Decimal(whole)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Cell:
    n: int | None  # None: hidden (fewer than min_group_size, or needed to protect such a cell)
    share: float | None  # % of the row's members


def suppressed(counts: Sequence[int], min_n: int) -> list[int | None]:
    """Hide counts from 1 to ``min_n - 1``; if only one is hidden, hide the next smallest too,
    so it can't be worked out from the total."""
    hidden = {i for i, count in enumerate(counts) if 0 < count < min_n}
    if len(hidden) == 1:
        others = sorted((count, i) for i, count in enumerate(counts) if i not in hidden and count > 0)
        if others:
            hidden.add(others[0][1])
    return [None if i in hidden else count for i, count in enumerate(counts)]


def cells(counts: Sequence[int], min_n: int) -> list[Cell]:
    whole = sum(counts)
    return [
        Cell(n, percent(n, whole) if n is not None and whole else None) for n in suppressed(counts, min_n)
    ]


@dataclass(frozen=True)
class CountRow:
    key: str
    label: str
    cells: list[Cell]


def table1(people: Sequence[Participant], functions: Sequence[str], min_n: int) -> list[CountRow]:
    """For each function, how many participants fall in each category (too new included)."""
    return [
        CountRow(
            f,
            function_label(f),
            cells([sum(1 for p in people if p.categories[f] is category) for category in CATEGORIES], min_n),
        )
        for f in functions
    ]


def length_of_use(people: Sequence[Participant], min_n: int) -> CountRow:
    return CountRow(
        "length",
        str(_l("Length of use")),
        cells([sum(1 for p in people if p.length is c) for c in LENGTHS], min_n),
    )


def characteristics(people: Sequence[Participant], min_n: int) -> list[tuple[str, list[tuple[str, Cell]]]]:
    """Gender, age group and therapy received: (question, [(answer, cell)]), "not said" last."""
    table = []
    for question in PROFILE_QUESTIONS:
        values = [value for value, _label in question.choices] + [""]
        labels = [str(label) for _value, label in question.choices] + [str(NOT_SAID)]
        counted = cells([sum(1 for p in people if p.profile[question.field] == v) for v in values], min_n)
        table.append((str(question.label), list(zip(labels, counted, strict=True))))
    return table


# --- Tables 2 and 3 ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Table2:
    functions: list[tuple[str, stats.Description]]  # function -> its category codes
    outcomes: list[tuple[dict[str, str], stats.Description]]
    correlations: dict[tuple[str, str], stats.Correlation]  # (function, column) -> rho, P


def measured(people: Sequence[Participant]) -> list[Participant]:
    """Participants whose categories are measured (not too new): the statistics' sample."""
    return [p for p in people if not p.too_new]


def table2(people: Sequence[Participant], functions: Sequence[str], found: Outcomes, min_n: int) -> Table2:
    """Means and SDs of use codes and outcomes; Spearman's rho (two-sided P) of each pair."""
    sample = measured(people)
    latest = found.latest()
    columns = found.outcome_columns
    scored = {
        c["key"]: [(p, v) for p in sample if (v := latest.get(p.user_id, {}).get(c["key"])) is not None]
        for c in columns
    }
    correlations = {}
    for f in functions:
        for column in columns:
            pairs = scored[column["key"]]
            correlations[(f, column["key"])] = (
                stats.spearman([p.categories[f].code for p, _v in pairs], [v for _p, v in pairs])
                if len(pairs) >= min_n
                else stats.Correlation(len(pairs), None, None)
            )
    return Table2(
        [(f, _described([p.categories[f].code for p in sample], min_n)) for f in functions],
        [(c, _described([v for _p, v in scored[c["key"]]], min_n)) for c in columns],
        correlations,
    )


def _described(values: Sequence[float], min_n: int) -> stats.Description:
    """Mean and SD only over at least ``min_n`` members: fewer could give one member's score away."""
    found = stats.describe(values)
    return found if found.n >= min_n else stats.Description(found.n, None, None)


def table3(
    people: Sequence[Participant], functions: Sequence[str], found: Outcomes, min_n: int
) -> list[tuple[dict[str, str], stats.Regression | None]]:
    """Each outcome regressed on every function's category code (with an intercept)."""
    latest = found.latest()
    results = []
    for column in found.outcome_columns:
        pairs = [
            (p, v)
            for p in measured(people)
            if (v := latest.get(p.user_id, {}).get(column["key"])) is not None
        ]
        regression = None
        if len(pairs) >= min_n:
            regression = stats.ols(
                list(functions),
                [[p.categories[f].code for f in functions] for p, _v in pairs],
                [v for _p, v in pairs],
            )
        results.append((column, regression))
    return results


# --- measured against self-reported use --------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    key: str  # a function, or "length"
    label: str
    categories: tuple[Category, ...]
    n: int
    agreement: float | None  # % of members whose answer is their measured category
    correlation: stats.Correlation | None
    crosstab: list[list[int | None]]  # rows: measured category; columns: self-reported


def comparisons(
    people: Sequence[Participant], functions: Sequence[str], found: Outcomes, min_n: int
) -> list[Comparison]:
    """For each function with a self-report column (and length of use), how measured use and
    the member's own answer agree: exact agreement, Spearman's rho and the cross-tabulation."""
    latest = found.latest()
    wanted: list[tuple[str, str, tuple[Category, ...], str]] = [
        (f, function_label(f), FREQUENCIES, f"use:{f}") for f in functions
    ]
    wanted.append(("length", str(_l("Length of use")), LENGTHS, "length_of_use"))
    found_rows = []
    for key, label, categories, measures in wanted:
        column = found.self_report(measures)
        if column is None:
            continue
        pairs = []
        for person in people:
            own = by_code(categories, latest.get(person.user_id, {}).get(column["key"]))
            objective = person.length if key == "length" else person.categories[key]
            if own is not None and objective.code is not None:
                pairs.append((objective, own))
        found_rows.append(_compare(key, label, categories, pairs, min_n))
    return found_rows


def _compare(
    key: str, label: str, categories: tuple[Category, ...], pairs: list[tuple[Category, Category]], min_n: int
) -> Comparison:
    n = len(pairs)
    counts = [sum(1 for a, b in pairs if a is row and b is col) for row in categories for col in categories]
    flat = suppressed(counts, min_n)
    width = len(categories)
    crosstab = [flat[i * width : (i + 1) * width] for i in range(width)]
    if n < min_n:
        return Comparison(key, label, categories, n, None, None, crosstab)
    agree = percent(sum(1 for a, b in pairs if a is b), n)
    correlation = (
        stats.spearman([a.code for a, _b in pairs], [b.code for _a, b in pairs])
        if stats.available()
        else None
    )
    return Comparison(key, label, categories, n, agree, correlation, crosstab)
