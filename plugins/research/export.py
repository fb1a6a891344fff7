"""The pseudonymous research export: a folder of CSV files and a data dictionary describing them.

- ``participants.csv``: one row per consenting member (usage categories, profile answers, latest scores);
- ``administrations.csv``: one row per member and questionnaire taken (days since consent, scores);
- ``weekly_use.csv``: one row per member, function and ISO week since consent (days used);
- ``table1.csv``, ``length_of_use.csv``, ``characteristics.csv``, ``table2.csv``, ``table3.csv``,
  ``self_report.csv``: the published tables, small cells hidden as on the results page;
- ``dictionary.csv``: every column of every file, what it means and its values.

No text, no names, no member ids, no calendar dates other than ISO weeks; rows are in research-id
order (never in joining order).
"""

from __future__ import annotations

import csv
import hashlib
import hmac
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import select

from forum.core.api import db, utcnow

from . import stats
from .analysis import (
    Outcomes,
    Participant,
    characteristics,
    comparisons,
    function_label,
    functions_in_use,
    length_of_use,
    min_group_size,
    outcomes,
    participants,
    research_settings,
    table1,
    table2,
    table3,
)
from .frequency import CATEGORIES, FREQUENCIES, LENGTHS
from .models import UsageEvent
from .questions import PROFILE_QUESTIONS


def research_key() -> bytes:
    """The community's research secret, or one derived from the app's secret key."""
    secret = research_settings()["secret"]
    if secret:
        return secret.encode()
    return hmac.new(current_app.config["SECRET_KEY"].encode(), b"forum research id", hashlib.sha256).digest()


def research_id(user_id: int, key: bytes) -> str:
    """A stable pseudonym: HMAC-SHA256 of the member id; without the key it can't be reversed."""
    return hmac.new(key, f"member:{user_id}".encode(), hashlib.sha256).hexdigest()[:20]


def number(value: float | None) -> int | float | str:
    """Scores as researchers expect them: 7 not 7.0; an empty cell when there is none."""
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else value


@dataclass
class Table:
    """One CSV file: its rows, and for the dictionary what each column means."""

    name: str
    about: str
    columns: list[tuple[str, str]]  # (column, meaning and values)
    rows: list[list[Any]]

    @property
    def header(self) -> list[str]:
        return [column for column, _meaning in self.columns]


def _codes(categories: Sequence[Any]) -> str:
    return "; ".join(f"{c.code if c.code is not None else 'empty'} = {c.key}" for c in categories)


FREQUENCY_VALUES = ", ".join(c.key for c in CATEGORIES)


def participants_table(
    people: Sequence[Participant], functions: Sequence[str], found: Outcomes, key: bytes
) -> Table:
    columns = [
        ("research_id", "pseudonymous member id (HMAC of the member id with the community's research key)"),
        ("days_observed", "days since consent, the day of consent included, at most the window"),
        ("length_of_use", f"time since the member joined: {', '.join(c.key for c in LENGTHS)}"),
        ("length_of_use_code", _codes(LENGTHS)),
    ]
    for f in functions:
        name = function_label(f)
        columns += [
            (f"{f}_category", f"{name}: measured use category, one of {FREQUENCY_VALUES}"),
            (f"{f}_code", f"{name}: {_codes(CATEGORIES)}"),
            (f"{f}_days", f"{name}: days used in the days observed"),
        ]
    columns += [
        (q.field, f"{q.label}: {', '.join(v for v, _label in q.choices)}; empty = not said")
        for q in PROFILE_QUESTIONS
    ]
    columns += [
        (c["key"], f"latest {c['label']} (empty: never taken, or voided by missing answers)")
        for c in found.columns
    ]
    latest = found.latest()
    rows = []
    for p in people:
        row: list[Any] = [research_id(p.user_id, key), p.days_observed, p.length.key, p.length.code]
        for f in functions:
            category = p.categories[f]
            row += [category.key, "" if category.code is None else category.code, p.days_used[f]]
        row += [p.profile[q.field] for q in PROFILE_QUESTIONS]
        row += [number(latest.get(p.user_id, {}).get(c["key"])) for c in found.columns]
        rows.append(row)
    return Table(
        "participants.csv", "one row per consenting member", columns, sorted(rows, key=lambda r: r[0])
    )


def administrations_table(people: Sequence[Participant], found: Outcomes, key: bytes) -> Table:
    consented = {p.user_id: p.consented_on for p in people}
    columns = [
        ("research_id", "pseudonymous member id, as in participants.csv"),
        ("instrument", "questionnaire id"),
        ("days_since_consent", "days from consent to this administration (negative: taken before)"),
    ]
    columns += [
        (c["key"], f"{c['label']} (empty: another questionnaire, or voided by missing answers)")
        for c in found.columns
    ]
    rows = [
        [
            research_id(a["user_id"], key),
            a["instrument"],
            (a["taken_at"].date() - consented[a["user_id"]]).days,
            *(number(a["scores"].get(c["key"])) for c in found.columns),
        ]
        for a in found.administrations
        if a["user_id"] in consented
    ]
    return Table(
        "administrations.csv",
        "one row per member and questionnaire taken",
        columns,
        sorted(rows, key=lambda r: (r[0], r[2], r[1])),
    )


def iso_weeks(first: date, last: date) -> Iterator[tuple[str, date, date]]:
    """("2026-W05", monday-or-first, sunday-or-last) for every ISO week from first to last."""
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        year, week, _day = monday.isocalendar()
        yield f"{year}-W{week:02d}", max(first, monday), min(last, monday + timedelta(days=6))
        monday += timedelta(days=7)


def weekly_table(
    people: Sequence[Participant], functions: Sequence[str], key: bytes, today: date | None = None
) -> Table:
    today = today or utcnow().date()
    used: dict[tuple[int, str, str], int] = {}
    for user_id, function, day in db.session.execute(
        select(UsageEvent.user_id, UsageEvent.function, UsageEvent.day)
    ):
        year, week, _day = day.isocalendar()
        slot = (user_id, function, f"{year}-W{week:02d}")
        used[slot] = used.get(slot, 0) + 1
    rows = []
    for p in people:
        pseudonym = research_id(p.user_id, key)
        for week, first, last in iso_weeks(p.consented_on, today):
            observed = (last - first).days + 1
            rows += [
                [pseudonym, f, week, observed, min(observed, used.get((p.user_id, f, week), 0))]
                for f in functions
            ]
    columns = [
        ("research_id", "pseudonymous member id, as in participants.csv"),
        ("function", f"the function: {', '.join(functions)}"),
        ("iso_week", "ISO 8601 week, e.g. 2026-W05 (weeks start on Monday)"),
        ("days_observed", "days of this week the member had consented, up to today (1-7)"),
        ("days_used", "days of this week the member used the function (0-7)"),
    ]
    return Table(
        "weekly_use.csv",
        "one row per member, function and ISO week since consent",
        columns,
        sorted(rows, key=lambda r: (r[0], r[2], r[1])),
    )


def _shown(n: int | None, min_n: int) -> str:
    return f"<{min_n}" if n is None else str(n)


def _size(n: int, min_n: int) -> str:
    """How many members a statistic is over: hidden like a count when it is from 1 to min_n - 1."""
    return str(n) if n == 0 or n >= min_n else f"<{min_n}"


def count_tables(people: Sequence[Participant], functions: Sequence[str], min_n: int) -> list[Table]:
    hidden = f"a count or percent shown as <{min_n} is hidden ([research] min_group_size)"
    t1 = [
        [row.key, c.key, _shown(cell.n, min_n), "" if cell.share is None else cell.share]
        for row in table1(people, functions, min_n)
        for c, cell in zip(CATEGORIES, row.cells, strict=True)
    ]
    length = length_of_use(people, min_n)
    lengths = [
        [c.key, _shown(cell.n, min_n), "" if cell.share is None else cell.share]
        for c, cell in zip(LENGTHS, length.cells, strict=True)
    ]
    traits = [
        [q.field, value or "not_said", _shown(cell.n, min_n), "" if cell.share is None else cell.share]
        for q, (_label, answers) in zip(PROFILE_QUESTIONS, characteristics(people, min_n), strict=True)
        for value, (_answer, cell) in zip([v for v, _l in q.choices] + [""], answers, strict=True)
    ]
    share = ("percent", f"n as a percent of all participants; {hidden}")
    return [
        Table(
            "table1.csv",
            "Table 1: measured use categories per function",
            [
                ("function", "the function"),
                ("category", FREQUENCY_VALUES),
                ("n", f"participants; {hidden}"),
                share,
            ],
            t1,
        ),
        Table(
            "length_of_use.csv",
            "time since joining",
            [("category", ", ".join(c.key for c in LENGTHS)), ("n", f"participants; {hidden}"), share],
            lengths,
        ),
        Table(
            "characteristics.csv",
            "gender, age group and therapy received (as the members said)",
            [
                ("question", ", ".join(q.field for q in PROFILE_QUESTIONS)),
                ("answer", "the answer; not_said"),
                ("n", f"participants; {hidden}"),
                share,
            ],
            traits,
        ),
    ]


def _figure(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def statistics_tables(
    people: Sequence[Participant], functions: Sequence[str], found: Outcomes, min_n: int
) -> list[Table]:
    """Tables 2 and 3 and the self-report comparison (needs numpy and scipy)."""
    stats.require()
    t2 = table2(people, functions, found, min_n)
    described = [("use", f, d) for f, d in t2.functions] + [("outcome", c["key"], d) for c, d in t2.outcomes]
    rows2 = [[kind, name, _size(d.n, min_n), _figure(d.mean), _figure(d.sd), "", "", ""]
             for kind, name, d in described]
    rows2 += [
        ["spearman", f"{f}~{column}", _size(r.n, min_n), "", "", _figure(r.rho), _figure(r.p), ""]
        for (f, column), r in t2.correlations.items()
    ]
    rows3 = []
    for column, regression in table3(people, functions, found, min_n):
        if regression is None:
            rows3.append([column["key"], "", "", "", "", "", "", "", "", "not estimable"])
            continue
        rows3 += [
            [
                column["key"],
                c.name,
                _figure(c.estimate),
                _figure(c.se),
                _figure(c.t),
                _figure(c.p),
                regression.n,
                _figure(regression.r_squared),
                _figure(regression.adj_r_squared),
                " ".join(regression.dropped),
            ]
            for c in regression.coefficients
        ]
    rows4 = [
        [
            c.key,
            _size(c.n, min_n),
            _figure(c.agreement),
            _figure(c.correlation.rho if c.correlation else None),
            _figure(c.correlation.p if c.correlation else None),
        ]
        for c in comparisons(people, functions, found, min_n)
    ]
    sample = "participants not too new with both values"
    return [
        Table(
            "table2.csv",
            "Table 2: means, SDs and Spearman correlations",
            [
                ("kind", "use (category codes 0-5), outcome (scores) or spearman"),
                ("variable", "function, score column, or function~score column"),
                ("n", sample),
                ("mean", ""),
                ("sd", "sample standard deviation"),
                ("rho", "Spearman's rho; empty: undefined or n < min_group_size"),
                ("p", "two-sided P"),
                ("note", ""),
            ],
            rows2,
        ),
        Table(
            "table3.csv",
            "Table 3: each outcome regressed on every function's use code (OLS)",
            [
                ("outcome", "score column"),
                ("term", "const or a function"),
                ("coefficient", ""),
                ("se", "standard error"),
                ("t", ""),
                ("p", "two-sided P"),
                ("n", sample),
                ("r_squared", ""),
                ("adj_r_squared", ""),
                ("note", "functions left out for lack of variation, or not estimable"),
            ],
            rows3,
        ),
        Table(
            "self_report.csv",
            "measured against self-reported use",
            [
                ("function", "function, or length (of use)"),
                ("n", sample.replace("both values", "an answer")),
                ("agreement", "percent whose answer is their measured category"),
                ("rho", "Spearman's rho"),
                ("p", "two-sided P"),
            ],
            rows4,
        ),
    ]


def dictionary(tables: Sequence[Table]) -> Table:
    """The data dictionary, describing itself too."""
    own = Table(
        "dictionary.csv",
        "every column of every file",
        [("file", "file name"), ("column", "column name"), ("meaning", "what it holds and its values")],
        [],
    )
    own.rows = [[t.name, column, meaning or t.about] for t in (*tables, own) for column, meaning in t.columns]
    return own


def build_export() -> tuple[int, list[Table], str]:
    """(members, tables, note): every file of the export; the note says what was left out."""
    functions = functions_in_use()
    people = participants(functions)
    found = outcomes(p.user_id for p in people)
    key = research_key()
    min_n = min_group_size()
    tables = [
        participants_table(people, functions, found, key),
        administrations_table(people, found, key),
        weekly_table(people, functions, key),
        *count_tables(people, functions, min_n),
    ]
    note = ""
    try:
        tables += statistics_tables(people, functions, found, min_n)
    except stats.StatsUnavailable as error:
        note = f"Tables 2 and 3 left out: {error}."
    return len(people), [*tables, dictionary(tables)], note


def write_tables(folder: Path, tables: Sequence[Table]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for table in tables:
        with (folder / table.name).open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(table.header)
            writer.writerows(table.rows)


__all__ = ["FREQUENCIES", "build_export", "research_id", "research_key", "write_tables"]
