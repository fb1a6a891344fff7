"""Frequency categories at every edge, and Spearman's rho against hand-computed values."""

from __future__ import annotations

import pytest

from plugins.research.frequency import average_ranks, frequency_category, spearman


@pytest.mark.parametrize(("days", "key"), [
    (0, "never"),
    (1, "once_a_year"), (11, "once_a_year"),
    (12, "once_a_month"), (51, "once_a_month"),
    (52, "once_a_week"), (103, "once_a_week"),
    (104, "few_times_a_week"), (259, "few_times_a_week"),
    (260, "almost_every_day"), (365, "almost_every_day"),
])
def test_study_categories_over_a_year(days, key):
    assert frequency_category(days).key == key


@pytest.mark.parametrize(("days", "key"), [
    # 30-day window: the same rates per year, e.g. weekly = ceil(52 * 30 / 365) = 5 days
    (0, "never"), (1, "once_a_month"), (4, "once_a_month"), (5, "once_a_week"), (8, "once_a_week"),
    (9, "few_times_a_week"), (21, "few_times_a_week"), (22, "almost_every_day"),
])
def test_shorter_window_scales_the_thresholds(days, key):
    assert frequency_category(days, window_days=30).key == key


def test_one_day_in_two_years_is_still_more_than_never():
    assert frequency_category(1, window_days=730).key == "once_a_year"
    assert frequency_category(23, window_days=730).key == "once_a_year"  # 12 * 2 = 24 for monthly
    assert frequency_category(24, window_days=730).key == "once_a_month"


def test_codes_are_ordinal():
    assert [frequency_category(d).code for d in (0, 1, 12, 52, 104, 260)] == [0, 1, 2, 3, 4, 5]


def test_average_ranks_share_tied_ranks():
    assert average_ranks([1, 2, 2, 3, 4]) == [1, 2.5, 2.5, 4, 5]
    assert average_ranks([5, 5, 5]) == [2, 2, 2]


def test_spearman_with_ties_by_hand():
    # ranks x: 1, 2.5, 2.5, 4, 5; ranks y: 2, 1, 3, 4, 5; mean rank 3
    # sum dx*dy = 2 + 1 + 0 + 1 + 4 = 8; sum dx^2 = 9.5; sum dy^2 = 10; rho = 8 / sqrt(95)
    rho = spearman([1, 2, 2, 3, 4], [10, 8, 12, 15, 20])
    assert rho == pytest.approx(0.8207826, abs=1e-7)


def test_spearman_without_ties_matches_the_textbook_formula():
    # ranks of y: 2, 1, 4, 5, 3; d = -1, 1, -1, -1, 2; 1 - 6 * 8 / (5 * 24) = 0.6
    assert spearman([1, 2, 3, 4, 5], [20, 10, 40, 50, 30]) == pytest.approx(0.6)
    assert spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)


def test_spearman_is_undefined_without_spread_or_pairs():
    assert spearman([2, 2, 2], [1, 2, 3]) is None
    assert spearman([1], [1]) is None
    assert spearman([1, 2], [1]) is None
