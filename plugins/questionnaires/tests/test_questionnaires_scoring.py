"""Scoring against hand-computed cases: band edges, reverse coding, means, missing answers."""

from __future__ import annotations

import pytest

from plugins.questionnaires import INSTRUMENT_DIR, SHIPPED
from plugins.questionnaires.instruments import load_instruments
from plugins.questionnaires.results import suppress_small_cells
from plugins.questionnaires.scoring import format_score, score

INSTRUMENTS = load_instruments([INSTRUMENT_DIR / f"{name}.toml" for name in SHIPPED], None)
PHQ9, DD, GHSQ = INSTRUMENTS["phq9"], INSTRUMENTS["dd"], INSTRUMENTS["ghsq"]


def phq9(values: list[int | None]) -> dict[str, int | None]:
    return {str(number): value for number, value in enumerate(values, start=1)}


@pytest.mark.parametrize(("values", "total", "band"), [
    ([0, 0, 0, 0, 0, 0, 0, 0, 0], 0, "minimal"),
    ([1, 1, 1, 1, 0, 0, 0, 0, 0], 4, "minimal"),
    ([1, 1, 1, 1, 1, 0, 0, 0, 0], 5, "mild"),
    ([2, 2, 2, 2, 1, 0, 0, 0, 0], 9, "mild"),
    ([2, 2, 2, 2, 2, 0, 0, 0, 0], 10, "moderate"),
    ([2, 2, 2, 2, 2, 2, 2, 0, 0], 14, "moderate"),
    ([3, 2, 2, 2, 2, 2, 2, 0, 0], 15, "moderately_severe"),
    ([3, 3, 3, 3, 3, 2, 2, 0, 0], 19, "moderately_severe"),
    ([3, 3, 3, 3, 3, 3, 2, 0, 0], 20, "severe"),
    ([3, 3, 3, 3, 3, 3, 3, 3, 3], 27, "severe"),
])
def test_phq9_totals_and_band_edges(values, total, band):
    outcome = score(PHQ9, phq9(values))
    assert outcome.scores == {"total": total}
    assert PHQ9.band("total", outcome.scores["total"]).id == band
    assert outcome.valid and outcome.missing == ()


def test_phq9_moderate_and_above_suggest_a_doctor():
    advice = {band.id: band.see_doctor for band in PHQ9.bands}
    assert advice == {"minimal": False, "mild": False, "moderate": True, "moderately_severe": True,
                      "severe": True}


@pytest.mark.parametrize(("values", "total"), [
    # 8 answered, sum 9: 9 / 8 * 9 = 10.125 -> 10
    ([2, 2, 2, 2, 1, 0, 0, 0, None], 10),
    # 8 answered, sum 4: 4 / 8 * 9 = 4.5 -> 5 (half up: mild, not minimal)
    ([1, 1, 1, 1, 0, 0, 0, 0, None], 5),
    # 7 answered, sum 5: 5 / 7 * 9 = 6.43 -> 6
    ([1, 1, 1, 1, 1, 0, 0, None, None], 6),
])
def test_phq9_prorates_one_or_two_missing_answers(values, total):
    outcome = score(PHQ9, phq9(values))
    assert outcome.scores["total"] == total
    assert len(outcome.missing) == values.count(None)


def test_phq9_three_missing_answers_void_the_total_never_zero():
    outcome = score(PHQ9, phq9([3, 3, 3, 3, 3, 3, None, None, None]))
    assert outcome.scores == {"total": None}
    assert not outcome.valid
    assert PHQ9.band("total", None) is None
    assert outcome.missing == ("7", "8", "9")


def test_phq9_item_9_alerts_whatever_the_total():
    low_total = score(PHQ9, phq9([0, 0, 0, 0, 0, 0, 0, 0, 1]))
    assert low_total.scores["total"] == 1
    assert [alert.item for alert in low_total.alerts] == ["9"]
    high_total = score(PHQ9, phq9([3, 3, 3, 3, 3, 3, 3, 3, 0]))
    assert high_total.scores["total"] == 24 and high_total.alerts == ()
    assert score(PHQ9, phq9([0, 0, 0, 0, 0, 0, 0, 0, None])).alerts == ()


def dd(values: list[int | None]) -> dict[str, int | None]:
    return {str(number): value for number, value in enumerate(values, start=1)}


def test_dd_reverse_codes_the_six_accepting_items():
    assert [q.id for q in DD.items if q.reverse] == ["1", "2", "3", "4", "8", "10"]
    # Agreeing with every accepting statement and disagreeing with every rejecting one: no stigma.
    assert score(DD, dd([5, 5, 5, 5, 0, 0, 0, 5, 0, 5, 0, 0])).scores["total"] == 0
    assert score(DD, dd([0, 0, 0, 0, 5, 5, 5, 0, 5, 0, 5, 5])).scores["total"] == 60
    # Strongly disagreeing with everything: the six reversed items count 5 each.
    assert score(DD, dd([0] * 12)).scores["total"] == 30


def test_dd_mixed_answers_by_hand():
    # reversed: 1->4, 2->3, 3->2, 4->1, 8 (2)->3, 10 (4)->1 = 14; others: 5+0+1+3+5+0 = 14
    assert score(DD, dd([1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0])).scores["total"] == 28
    # Items 11 and 12 missing: coded sum 23 over 10 answered, 23 / 10 * 12 = 27.6 -> 28
    outcome = score(DD, dd([1, 2, 3, 4, 5, 0, 1, 2, 3, 4, None, None]))
    assert outcome.scores["total"] == 28
    assert score(DD, dd([1, 2, 3, 4, 5, 0, 1, 2, 3, None, None, None])).scores["total"] is None


def ghsq(**values: int | None) -> dict[str, int | None]:
    answers = {q.id: 4 for q in GHSQ.items}
    answers.update(values)
    return answers


def test_ghsq_formal_and_informal_are_means_of_their_sources():
    outcome = score(GHSQ, ghsq(partner=7, friend=6, parent=2, relative=3, doctor=4,
                               mental_health_professional=5, online_counselling=1, teacher=None,
                               someone_else=None, no_one=2))
    # formal 10 / 3; informal (partner, friend, parent, other relative) 18 / 4; help negation as answered
    assert outcome.scores == {"formal": 3.33, "informal": 4.5, "help_negation": 2.0}
    assert outcome.valid and set(outcome.missing) == {"teacher", "someone_else"}
    rounding = score(GHSQ, ghsq(doctor=1, mental_health_professional=2, online_counselling=2,
                                partner=5, friend=5, parent=6, relative=6))
    assert rounding.scores == {"formal": 1.67, "informal": 5.5, "help_negation": 4.0}  # 5 / 3, 22 / 4


def test_ghsq_missing_source_voids_only_that_subscale():
    outcome = score(GHSQ, ghsq(doctor=None))
    assert outcome.scores == {"formal": None, "informal": 4.0, "help_negation": 4.0}
    assert score(GHSQ, ghsq(relative=None)).scores["informal"] is None  # family counts, never a silent 0


def test_answers_outside_the_instrument_are_refused():
    with pytest.raises(ValueError, match="not an answer value"):
        score(PHQ9, phq9([4, 0, 0, 0, 0, 0, 0, 0, 0]))
    with pytest.raises(ValueError, match="no item"):
        score(PHQ9, {"10": 1})


def test_format_score():
    values = (12.0, 0.0, 3.5, 4.67, 10.0, None)
    assert [format_score(v) for v in values] == ["12", "0", "3.5", "4.67", "10", "–"]


def test_small_cells_are_hidden_with_a_second_cell_when_alone():
    assert suppress_small_cells({"a": 7, "b": 6, "c": 0}, 5) == {"a": 7, "b": 6, "c": 0}
    assert suppress_small_cells({"a": 7, "b": 6, "c": 2}, 5) == {"a": 7, "b": None, "c": None}
    assert suppress_small_cells({"a": 7, "b": 3, "c": 2}, 5) == {"a": 7, "b": None, "c": None}
