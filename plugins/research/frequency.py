"""Usage frequency categories of the U2plus survey, from active days in a window; Spearman's rho.

Pure functions, no database: the thresholds are the study's, for a 365-day window (0 never;
1-11 once a year; 12-51 once a month; 52-103 once a week; 104-259 a few times a week; 260+
almost every day). Another window scales them to the same rate per year.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

STUDY_WINDOW = 365


@dataclass(frozen=True)
class Category:
    key: str
    label: LazyString
    code: int  # ordinal, 0 (never) .. 5 (almost every day)
    days_per_year: int  # the least active days in 365 that reach this category


CATEGORIES: tuple[Category, ...] = tuple(
    Category(key, label, code, days) for code, (key, label, days) in enumerate((
        ("never", _l("Never"), 0),
        ("once_a_year", _l("Once a year"), 1),
        ("once_a_month", _l("Once a month"), 12),
        ("once_a_week", _l("Once a week"), 52),
        ("few_times_a_week", _l("A few times a week"), 104),
        ("almost_every_day", _l("Almost every day"), 260),
    ))
)


def threshold(category: Category, window_days: int) -> int:
    """Active days needed in ``window_days`` for ``category``; any use at all is at least yearly."""
    if category.days_per_year <= 1:
        return category.days_per_year
    return math.ceil(Fraction(category.days_per_year * window_days, STUDY_WINDOW))


def frequency_category(active_days: int, window_days: int = STUDY_WINDOW) -> Category:
    found = CATEGORIES[0]
    for category in CATEGORIES:
        if active_days >= threshold(category, window_days):
            found = category
    return found


def average_ranks(values: Sequence[float]) -> list[Fraction]:
    """1-based ranks; tied values share the mean of the ranks they span."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks: list[Fraction] = [Fraction(0)] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = Fraction(start + end + 2, 2)
        start = end + 1
    return ranks


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rho (Pearson's r of average ranks); None when undefined (n < 2 or no spread)."""
    if len(xs) != len(ys) or len(xs) < 2:
        return None
    rx, ry = average_ranks(xs), average_ranks(ys)
    mean = Fraction(len(xs) + 1, 2)  # the mean rank, ties or not
    sxy = sum(((a - mean) * (b - mean) for a, b in zip(rx, ry, strict=True)), Fraction(0))
    sxx = sum(((a - mean) ** 2 for a in rx), Fraction(0))
    syy = sum(((b - mean) ** 2 for b in ry), Fraction(0))
    if sxx == 0 or syy == 0:
        return None
    return float(sxy) / math.sqrt(sxx * syy)
