"""Synthetic members with known rates -> categories; Table 1 and the other counts, small cells
hidden; the host-only results page; Tables 2 and 3 and the self-report comparison on it."""

from __future__ import annotations

import re

import pytest

from forum.core.api import ConfigError
from forum.testing import member_client
from plugins.research.analysis import participants
from plugins.research.tests import fake_outcomes
from plugins.research.tests.helpers import OUTCOME_COLUMNS, RESEARCH_ONLY, add_scores, seed


@pytest.fixture(autouse=True)
def no_outcomes():
    fake_outcomes.reset([])


def cells_of(page: str, row_label: str, table_id: str = "table1") -> list[str]:
    table = page[page.index(f'id="{table_id}"'):]
    row = table[table.index(f'<th scope="row">{row_label}</th>'):]
    found = re.findall(r"<td>(.*?)</td>", row[:row.index("</tr>")])
    return [re.sub(r"\s+", " ", cell).strip() for cell in found]


def test_true_rates_land_in_their_categories(make_app):
    """Members who used sign-in daily, a few times a week, weekly, monthly, yearly, never, or
    joined the study recently, whatever their consent date."""
    app = make_app(plugins=["research"], research={"functions": ["sign_in", "funcan"]})
    cases = {  # name: (consent days ago, every n-th day, expected)
        "daily_long": (400, 1, "almost_every_day"),
        "daily_recent": (30, 1, "almost_every_day"),  # 31 of 31 days: was "once a month"
        "few_times": (200, 2, "few_times_a_week"),  # 101 of 201 days: 183 a year
        "weekly": (200, 4, "once_a_week"),  # the example: 51 in 201 days, 92.6 a year
        "weekly_long": (400, 7, "once_a_week"),
        "monthly": (120, 30, "once_a_month"),  # 5 in 121 days: 15.1 a year
        "monthly_long": (400, 30, "once_a_month"),
        "yearly": (400, 200, "once_a_year"),
        "new": (10, 1, "too_new"),  # 11 days observed < 28
    }
    ids = {name: seed(app, name, {"sign_in": every}, consent_days_ago=days)
           for name, (days, every, _key) in cases.items()}
    never = seed(app, "never", {}, consent_days_ago=100)
    seed(app, "outsider", {"sign_in": 1}, consent_days_ago=None)
    with app.test_request_context():
        people = {p.user_id: p for p in participants(["sign_in", "funcan"])}
    assert set(people) == {*ids.values(), never}  # the outsider never consented
    assert {name: people[ids[name]].categories["sign_in"].key for name in cases} == {
        name: key for name, (_d, _e, key) in cases.items()}
    assert people[never].categories["sign_in"].key == "never"
    assert people[ids["weekly"]].days_used["sign_in"] == 51 and people[ids["weekly"]].days_observed == 201
    assert people[ids["daily_long"]].days_observed == 365  # at most the window
    assert people[ids["new"]].too_new and people[ids["new"]].categories["funcan"].key == "too_new"


def test_host_set_minimum_of_observed_days(make_app):
    app = make_app(plugins=["research"], research={"min_observed_days": 7})
    user_id = seed(app, "aoi", {"sign_in": 1}, consent_days_ago=10)
    with app.test_request_context():
        assert participants(["sign_in"])[0].categories["sign_in"].key == "almost_every_day"
    assert user_id
    with pytest.raises(ConfigError, match="min_observed_days must be from 1 to window_days"):
        make_app(plugins=["research"], research={"min_observed_days": 400})


@pytest.fixture
def community(make_app):
    """Twelve participants: 6 daily, 5 weekly, 1 too new (sign-in); FunCan 11 never, 1 too new."""
    app = make_app(plugins=["research"], research={"functions": ["sign_in", "funcan"]})
    for i in range(6):
        seed(app, f"daily{i}", {"sign_in": 1}, joined_days_ago=500)
    for i in range(5):
        seed(app, f"weekly{i}", {"sign_in": 7}, joined_days_ago=100)
    seed(app, "newcomer", {"sign_in": 1}, consent_days_ago=5, joined_days_ago=5)
    return app


def test_table_1_hides_every_cell_below_the_minimum(community):
    page = member_client(community, "hikari", "host").get("/research/results").get_data(as_text=True)
    assert "Members who consented: 12." in page
    # never, yearly, monthly, weekly, few times, daily, too new: the lone newcomer is hidden, and
    # so is the next smallest cell (5 weekly), or the newcomer would be 12 minus the rest
    assert cells_of(page, "Signing in") == ["0 (0.0%)", "0 (0.0%)", "0 (0.0%)", "&lt;5", "0 (0.0%)",
                                            "6 (50.0%)", "&lt;5"]
    assert cells_of(page, "FunCan") == ["&lt;5", "0 (0.0%)", "0 (0.0%)", "0 (0.0%)", "0 (0.0%)",
                                        "0 (0.0%)", "&lt;5"]


def test_length_of_use_and_characteristics_are_counted_and_hidden(community):
    client = member_client(community, "aoi")
    client.post("/research/consent", data={"agree": "y"})
    page = member_client(community, "hikari", "host").get("/research/results").get_data(as_text=True)
    length = page[page.index('id="length"'):]
    found = re.findall(r"<td>(.*?)</td>", length[:length.index("</table>")])
    # < 1 month: newcomer and aoi (hidden), 1-6 months: 5 (hidden with them), 6 months-1 year: 0,
    # 1-3 years: 6, > 3 years: 0
    assert found == ["&lt;5", "&lt;5", "0 (0.0%)", "6 (46.2%)", "0 (0.0%)"]
    assert "Participants as they describe themselves" in page
    assert cells_of(page, "Not said", "characteristics")[0] == "13 (100.0%)"


def test_only_hosts_reach_the_results(community):
    assert member_client(community, "aoi").get("/research/results").status_code == 403
    assert member_client(community, "sora_mod", "moderator").get("/research/results").status_code == 403
    assert member_client(community, "hikari", "host").get("/research/results").status_code == 200
    assert community.test_client().get("/research/results").status_code == 302


def test_small_groups_show_no_tables(make_app):
    app = make_app(plugins=["research"])
    seed(app, "aoi", {"sign_in": 1})
    page = member_client(app, "hikari", "host").get("/research/results").get_data(as_text=True)
    assert "Fewer than 5 members take part" in page and "<table" not in page


def test_tables_2_and_3_and_the_self_report_comparison_on_the_page(make_app):
    fake_outcomes.reset([*OUTCOME_COLUMNS,
                         {"key": "usage_sign_in", "label": "Self-reported use: Signing in",
                          "instrument": "usage", "measures": "use:sign_in"}])
    app = make_app(plugins=RESEARCH_ONLY, research={"functions": ["sign_in", "funcan"]})
    # sign-in codes 2, 3, 3, 4, 5, 5 against D-D totals that rise with them
    plan = [(30, 20, 2), (7, 25, 3), (6, 24, 3), (2, 30, 4), (1, 35, 5), (1, 41, 4)]
    funcan = [3, 30, 2, 60, 7, 1]  # not collinear with signing in
    for index, (every, total, said) in enumerate(plan):
        user_id = seed(app, f"m{index}", {"sign_in": every, "funcan": funcan[index]})
        add_scores(user_id, 40, "dd", total=60 - total)  # an older administration, superseded
        add_scores(user_id, 3, "dd", total=total)
        add_scores(user_id, 3, "ghsq", formal=7 - index * 0.5)
        add_scores(user_id, 3, "usage", sign_in=said)
    page = member_client(app, "hikari", "host").get("/research/results").get_data(as_text=True)
    assert "Table 2" in page and "D-D scale: Total" in page
    # scipy.stats.spearmanr([2, 3, 3, 4, 5, 5], [20, 25, 24, 30, 35, 41]) = 0.971, P = 0.00125;
    # the older totals would give -0.971
    assert cells_of(page, "Signing in", "table2")[0] == "0.97 (0.001), 6"
    assert page.count("Table 3. Multiple regression of") == 2 and "R² =" in page
    comparison = page[page.index("Measured against self-reported use: Signing in"):]
    assert "n = 6; exact agreement 83.3%" in comparison  # 5 of 6 say what was measured


def test_japanese_results_page(make_app):
    app = make_app(plugins=["research"], community={"language": "ja"})
    for i in range(5):
        seed(app, f"m{i}", {"sign_in": 1})
    page = member_client(app, "ひかり", "host").get("/research/results").get_data(as_text=True)
    for words in ("表1. 協力者が各機能を使う頻度", "ほぼ毎日", "期間が短く判定不可",
                  "利用期間（登録してからの期間）", "1年あたりの利用日数", "5 (100.0%)"):
        assert words in page, words


def test_statistics_over_fewer_members_than_the_minimum_are_hidden(make_app):
    fake_outcomes.reset([*OUTCOME_COLUMNS,
                         {"key": "usage_sign_in", "label": "Self-reported use: Signing in",
                          "instrument": "usage", "measures": "use:sign_in"}])
    app = make_app(plugins=RESEARCH_ONLY, research={"functions": ["sign_in"]})
    ids = [seed(app, f"m{index}", {"sign_in": 1 + index}) for index in range(6)]
    for user_id in ids[:2]:  # only two members have scores: their mean would be theirs
        add_scores(user_id, 3, "dd", total=40)
        add_scores(user_id, 3, "usage", sign_in=5)
    page = member_client(app, "hikari", "host").get("/research/results").get_data(as_text=True)
    assert cells_of(page, "D-D scale: Total", "table2-use") == ["&lt;5", "– (–)"]
    assert cells_of(page, "Signing in", "table2-use")[0] == "6"
    assert cells_of(page, "Signing in", "table2") == ["– (–), &lt;5", "– (–), 0"]
    assert "Measured against self-reported use: Signing in. n = &lt;5; exact agreement –%" in page
