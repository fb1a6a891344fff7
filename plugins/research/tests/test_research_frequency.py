"""Use categories from the observed rate at every edge, too-new members, and length of use."""

from __future__ import annotations

import pytest

from plugins.research.frequency import (
    FREQUENCIES,
    LENGTHS,
    TOO_NEW,
    by_code,
    frequency_category,
    length_category,
)


@pytest.mark.parametrize(("days", "key"), [
    (0, "never"),
    (1, "once_a_year"), (11, "once_a_year"),
    (12, "once_a_month"), (51, "once_a_month"),
    (52, "once_a_week"), (103, "once_a_week"),
    (104, "few_times_a_week"), (259, "few_times_a_week"),
    (260, "almost_every_day"), (365, "almost_every_day"),
])
def test_study_categories_over_a_whole_year(days, key):
    assert frequency_category(days, 365).key == key


@pytest.mark.parametrize(("days", "observed", "key"), [
    (30, 31, "almost_every_day"),  # the example, 353 a year (was "once a month")
    (50, 201, "once_a_week"),  # the example, 90.8 a year (was "once a month")
    (1, 30, "once_a_month"),  # 12.2 a year
    (4, 30, "once_a_month"),  # 48.7
    (5, 30, "once_a_week"),  # 60.8
    (8, 30, "once_a_week"),  # 97.3
    (9, 30, "few_times_a_week"),  # 109.5
    (21, 30, "few_times_a_week"),  # 255.5
    (22, 30, "almost_every_day"),  # 267.7
])
def test_rate_is_scaled_by_the_days_observed(days, observed, key):
    assert frequency_category(days, observed).key == key


def test_edges_are_exact_not_rounded():
    # 12 a year is monthly: 12 days of 365, and 24 of 730 in a longer window
    assert frequency_category(12, 365).key == "once_a_month"
    assert frequency_category(11, 365).key == "once_a_year"
    assert frequency_category(24, 730).key == "once_a_month"
    assert frequency_category(23, 730).key == "once_a_year"
    # 52 a year at 140 days observed is 19.94... days: 20 is weekly, 19 monthly
    assert frequency_category(20, 140).key == "once_a_week"
    assert frequency_category(19, 140).key == "once_a_month"


def test_members_observed_too_briefly_are_too_new():
    assert frequency_category(20, 27, min_observed_days=28) is TOO_NEW
    assert frequency_category(0, 27, min_observed_days=28) is TOO_NEW
    assert frequency_category(27, 28, min_observed_days=28).key == "almost_every_day"
    assert frequency_category(3, 7, min_observed_days=7).key == "few_times_a_week"
    assert TOO_NEW.code is None


def test_codes_are_ordinal():
    assert [frequency_category(d, 365).code for d in (0, 1, 12, 52, 104, 260)] == [0, 1, 2, 3, 4, 5]


@pytest.mark.parametrize(("days", "key"), [
    (0, "under_1_month"), (29, "under_1_month"), (30, "1_to_6_months"), (181, "1_to_6_months"),
    (182, "6_months_to_1_year"), (364, "6_months_to_1_year"), (365, "1_to_3_years"),
    (1094, "1_to_3_years"), (1095, "over_3_years"),
])
def test_length_of_use(days, key):
    assert length_category(days).key == key


def test_self_reported_codes_find_their_category():
    assert by_code(FREQUENCIES, 3).key == "once_a_week"
    assert by_code(FREQUENCIES, 3.0).key == "once_a_week"
    assert by_code(LENGTHS, 1).key == "under_1_month"
    assert by_code(LENGTHS, 0) is None and by_code(FREQUENCIES, None) is None
