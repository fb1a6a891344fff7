"""Use categories of the U2plus survey from the observed rate, and length-of-use categories.

Pure functions, no database. A member's rate is days used / days observed (since consent, at most
the window), scaled to a year: 0 never; under 12 a year once a year; under 52 once a month; under
104 once a week; under 260 a few times a week; else almost every day. A member observed for fewer
than ``min_observed_days`` is "too new": a rate from a few days would be a guess. Comparisons are
exact (whole numbers), so 12 days in 365 is "once a month", never a rounding accident.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

DAYS_PER_YEAR = 365


@dataclass(frozen=True)
class Category:
    key: str
    label: LazyString
    code: int | None  # ordinal for statistics; None: not measured (too new)
    below: int | None  # the category holds rates (days a year) under this; None: no upper edge


FREQUENCIES: tuple[Category, ...] = (
    Category("never", _l("Never"), 0, 0),  # rate 0 exactly (handled before the edges)
    Category("once_a_year", _l("Once a year"), 1, 12),
    Category("once_a_month", _l("Once a month"), 2, 52),
    Category("once_a_week", _l("Once a week"), 3, 104),
    Category("few_times_a_week", _l("A few times a week"), 4, 260),
    Category("almost_every_day", _l("Almost every day"), 5, None),
)
TOO_NEW = Category("too_new", _l("Too new to tell"), None, None)
CATEGORIES = (*FREQUENCIES, TOO_NEW)  # Table 1's columns

# Length of use: time since the member joined, in days (a month is 30 days, a year 365).
LENGTHS: tuple[Category, ...] = (
    Category("under_1_month", _l("Less than 1 month"), 1, 30),
    Category("1_to_6_months", _l("1 to 6 months"), 2, 182),
    Category("6_months_to_1_year", _l("6 months to 1 year"), 3, 365),
    Category("1_to_3_years", _l("1 to 3 years"), 4, 3 * 365),
    Category("over_3_years", _l("More than 3 years"), 5, None),
)


def frequency_category(days_used: int, days_observed: int, min_observed_days: int = 28) -> Category:
    """The category of ``days_used`` out of ``days_observed``, or TOO_NEW."""
    if days_observed < max(1, min_observed_days):
        return TOO_NEW
    if days_used <= 0:
        return FREQUENCIES[0]
    per_year_times_observed = days_used * DAYS_PER_YEAR  # compare rate < edge as a whole number
    for category in FREQUENCIES[1:]:
        if category.below is None or per_year_times_observed < category.below * days_observed:
            return category
    raise AssertionError("the last category has no upper edge")


def length_category(days_since_joining: int) -> Category:
    return next(c for c in LENGTHS if c.below is None or days_since_joining < c.below)


def by_code(categories: tuple[Category, ...], code: float | None) -> Category | None:
    """The category with this code (a self-reported answer), if any."""
    return next((c for c in categories if code is not None and c.code == code), None)
