"""Tables 2 and 3 from the engine equal scipy and statsmodels on the same data, to 1e-9."""

from __future__ import annotations

import random
import sys

import pytest

from plugins.research import stats
from plugins.research.analysis import outcomes, participants, table2, table3
from plugins.research.tests import fake_outcomes
from plugins.research.tests.helpers import OUTCOME_COLUMNS, RESEARCH_ONLY, add_scores, seed

scipy_stats = pytest.importorskip("scipy.stats")
sm = pytest.importorskip("statsmodels.api")

FUNCTIONS = ["sign_in", "react", "read_profiles", "formulation", "funcan", "thought_record"]
EVERY = [1, 2, 4, 7, 20, 60, 200, 0]  # use every n-th day (0: never), spanning all six categories


@pytest.fixture
def synthetic(make_app):
    """40 consenting members with random rhythms per function and scores loosely tied to them."""
    fake_outcomes.reset(list(OUTCOME_COLUMNS))
    app = make_app(plugins=RESEARCH_ONLY, research={"functions": FUNCTIONS})
    rng = random.Random(16)
    for index in range(40):
        rhythm = {f: every for f in FUNCTIONS if (every := rng.choice(EVERY))}
        user_id = seed(app, f"p{index}", rhythm, consent_days_ago=rng.choice([60, 200, 400]))
        add_scores(user_id, 5, "dd", total=rng.randint(10, 50) + len(rhythm))
        if index % 5:  # some members never took the GHSQ
            add_scores(user_id, 5, "ghsq", formal=round(rng.uniform(1, 7), 2))
    with app.test_request_context():
        people = participants(FUNCTIONS)
        return people, outcomes(p.user_id for p in people)


def test_spearman_and_two_sided_p_equal_scipy(synthetic):
    people, found = synthetic
    result = table2(people, FUNCTIONS, found, 5)
    latest = found.latest()
    checked = 0
    for (function, column), correlation in result.correlations.items():
        pairs = [(p.categories[function].code, latest[p.user_id][column]) for p in people
                 if latest.get(p.user_id, {}).get(column) is not None]
        expected = scipy_stats.spearmanr([a for a, _b in pairs], [b for _a, b in pairs])
        assert correlation.n == len(pairs)
        assert correlation.rho == pytest.approx(expected.statistic, abs=1e-9)
        assert correlation.p == pytest.approx(expected.pvalue, abs=1e-9)
        checked += 1
    assert checked == 12 and result.correlations[("sign_in", "ghsq_formal")].n == 32


def test_means_and_sds_equal_the_sample_statistics(synthetic):
    import numpy

    people, found = synthetic
    result = table2(people, FUNCTIONS, found, 5)
    for function, description in result.functions:
        codes = [p.categories[function].code for p in people]
        assert description.mean == pytest.approx(numpy.mean(codes), abs=1e-12)
        assert description.sd == pytest.approx(numpy.std(codes, ddof=1), abs=1e-12)


def test_regression_equals_statsmodels_ols(synthetic):
    people, found = synthetic
    results = table3(people, FUNCTIONS, found, 5)
    latest = found.latest()
    assert [column["key"] for column, _r in results] == ["dd_total", "ghsq_formal"]
    for column, regression in results:
        sample = [p for p in people if latest.get(p.user_id, {}).get(column["key"]) is not None]
        kept = [f for f in FUNCTIONS if f not in regression.dropped]
        design = sm.add_constant([[p.categories[f].code for f in kept] for p in sample], has_constant="add")
        fit = sm.OLS([latest[p.user_id][column["key"]] for p in sample], design).fit()
        assert regression.n == len(sample) == int(fit.nobs)
        assert [c.name for c in regression.coefficients] == ["const", *kept]
        for index, coefficient in enumerate(regression.coefficients):
            assert coefficient.estimate == pytest.approx(fit.params[index], abs=1e-9)
            assert coefficient.se == pytest.approx(fit.bse[index], abs=1e-9)
            assert coefficient.t == pytest.approx(fit.tvalues[index], abs=1e-9)
            assert coefficient.p == pytest.approx(fit.pvalues[index], abs=1e-9)
        assert regression.r_squared == pytest.approx(fit.rsquared, abs=1e-9)
        assert regression.adj_r_squared == pytest.approx(fit.rsquared_adj, abs=1e-9)


def test_constant_predictors_are_dropped_and_singular_designs_refused():
    rows = [[1, 0, 2], [2, 0, 4], [3, 0, 6], [4, 0, 8], [5, 0, 10]]
    assert stats.ols(["a", "b", "c"], rows, [1, 2, 2, 4, 5]) is None  # c = 2a: collinear
    fit = stats.ols(["a", "b"], [r[:2] for r in rows], [1, 2, 2, 4, 5])
    assert fit is not None and fit.dropped == ["b"] and [c.name for c in fit.coefficients] == ["const", "a"]
    reference = sm.OLS([1, 2, 2, 4, 5], sm.add_constant([1, 2, 3, 4, 5])).fit()
    assert fit.coefficients[1].estimate == pytest.approx(reference.params[1], abs=1e-9)
    assert stats.ols(["a"], [[1], [2]], [3, 4]) is None  # no more members than parameters


def test_undefined_correlations_are_none_not_nan():
    assert stats.spearman([1, 1, 1, 1], [1, 2, 3, 4]).rho is None
    assert stats.spearman([1, 2], [1, 2]).rho is None
    assert stats.describe([]).mean is None and stats.describe([3]).sd is None


def test_without_the_libraries_the_message_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "scipy", None)
    with pytest.raises(stats.StatsUnavailable, match=r"pip install 'forum\[research\]'"):
        stats.spearman([1, 2, 3], [1, 2, 3])
    assert not stats.available()


def test_results_page_without_the_libraries_still_shows_table_1(make_app, monkeypatch):
    from forum.testing import member_client

    app = make_app(plugins=["research"])
    for index in range(5):
        seed(app, f"m{index}", {"sign_in": 1})
    monkeypatch.setitem(sys.modules, "scipy", None)
    page = member_client(app, "hikari", "host").get("/research/results").get_data(as_text=True)
    assert 'id="table1"' in page and "5 (100.0%)" in page
    assert "Tables 2 and 3 need the statistics libraries" in page and "forum[research]" in page
