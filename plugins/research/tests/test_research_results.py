"""Seeded histories -> categories, Table 1, correlations; host-only page; pseudonymous export."""

from __future__ import annotations

import csv
import re
from datetime import timedelta
from types import SimpleNamespace

import click
import pytest
from click.testing import CliRunner

from forum.core.api import User, db, utcnow
from forum.testing import add_user, member_client
from plugins.research import export_research, forum_cli
from plugins.research.analysis import participants
from plugins.research.models import ResearchConsent, UsageEvent

BOTH = ["questionnaires", "research"]


def seed(app, name: str, history: dict[str, int], consent_days_ago: int | None = 400) -> int:
    """A member with ``days`` consecutive active days per function, ending today."""
    user = add_user(app, name)
    with app.app_context():
        today = utcnow().date()
        if consent_days_ago is not None:
            db.session.add(ResearchConsent(user_id=user.id,
                                           consented_at=utcnow() - timedelta(days=consent_days_ago)))
        for function, days in history.items():
            db.session.add_all(UsageEvent(user_id=user.id, function=function, day=today - timedelta(days=d))
                               for d in range(days))
        db.session.commit()
    return user.id


def add_phq9_total(app, user_id: int, total: int) -> None:
    """A PHQ-9 result with ``total`` (item 9 always 0)."""
    from plugins.questionnaires.results import catalogue, save_result
    from plugins.questionnaires.scoring import score

    values = [min(3, max(0, total - 3 * i)) for i in range(8)] + [0]
    with app.app_context():
        phq9 = catalogue().instruments["phq9"]
        answers = {str(n): v for n, v in enumerate(values, start=1)}
        outcome = score(phq9, answers)
        assert outcome.scores["total"] == total
        save_result(db.session.get(User, user_id), phq9, answers, outcome)
        db.session.commit()


@pytest.fixture
def seven(make_app):
    """Seven consenting members with known sign-in histories, one outsider, one old event."""
    app = make_app(plugins=["research"], research={"functions": ["sign_in", "funcan"]})
    histories = {"m_never": {"funcan": 1}, "m_year": {"sign_in": 11}, "m_month": {"sign_in": 12},
                 "m_week": {"sign_in": 52}, "m_often": {"sign_in": 104}, "m_daily": {"sign_in": 260},
                 "m_daily2": {"sign_in": 300}}
    ids = {name: seed(app, name, history) for name, history in histories.items()}
    seed(app, "outsider", {"sign_in": 300}, consent_days_ago=None)
    with app.app_context():  # a year and a day ago: outside the window
        db.session.add(UsageEvent(user_id=ids["m_year"], function="sign_in",
                                  day=utcnow().date() - timedelta(days=365)))
        db.session.commit()
    return app, ids


def test_seeded_histories_get_their_categories(seven):
    app, ids = seven
    with app.test_request_context():
        people = {p.user_id: p for p in participants(["sign_in", "funcan"])}
    assert set(people) == set(ids.values())  # the outsider never consented
    found = {name: people[user_id].categories["sign_in"].key for name, user_id in ids.items()}
    assert found == {"m_never": "never", "m_year": "once_a_year", "m_month": "once_a_month",
                     "m_week": "once_a_week", "m_often": "few_times_a_week", "m_daily": "almost_every_day",
                     "m_daily2": "almost_every_day"}
    assert people[ids["m_year"]].active_days["sign_in"] == 11
    assert people[ids["m_never"]].categories["funcan"].key == "once_a_year"
    assert people[ids["m_year"]].days_observed == 365


def test_host_sees_table_1(seven):
    app, _ids = seven
    page = member_client(app, "hikari", "host").get("/research/results").get_data(as_text=True)
    assert "Members who consented: 7." in page
    row = page[page.index("Signing in"):]
    row = row[:row.index("</tr>")]
    assert re.findall(r"<td>([^<]*)</td>", row) == [
        "1 (14.3%)", "1 (14.3%)", "1 (14.3%)", "1 (14.3%)", "1 (14.3%)", "2 (28.6%)"]
    funcan = page[page.index("FunCan"):]
    assert re.findall(r"<td>([^<]*)</td>", funcan[:funcan.index("</tr>")]) == [
        "6 (85.7%)", "1 (14.3%)", "0 (0.0%)", "0 (0.0%)", "0 (0.0%)", "0 (0.0%)"]


def test_only_hosts_reach_the_research_page(seven):
    app, _ids = seven
    assert member_client(app, "aoi").get("/research/results").status_code == 403
    assert member_client(app, "sora_mod", "moderator").get("/research/results").status_code == 403
    assert member_client(app, "hikari", "host").get("/research/results").status_code == 200
    assert app.test_client().get("/research/results").status_code == 302


def test_small_groups_show_no_tables(make_app):
    app = make_app(plugins=["research"])
    seed(app, "aoi", {"sign_in": 20})
    page = member_client(app, "hikari", "host").get("/research/results").get_data(as_text=True)
    assert "Fewer than 5 members take part" in page and "<table" not in page


def test_spearman_between_sign_in_and_phq9_on_the_host_page(make_app):
    app = make_app(plugins=BOTH)
    # sign-in categories 1, 2, 2, 3, 4 and PHQ-9 totals 10, 8, 12, 15, 20: rho = 8 / sqrt(95) = 0.82
    for index, (days, total) in enumerate([(1, 10), (12, 8), (20, 12), (52, 15), (104, 20)]):
        add_phq9_total(app, seed(app, f"m{index}", {"sign_in": days}), total)
    seed(app, "no_scores", {"sign_in": 300})
    page = member_client(app, "hikari", "host").get("/research/results").get_data(as_text=True)
    assert "PHQ-9: Total" in page
    row = page[page.index('<th scope="row">Signing in</th>', page.index("Spearman")):]
    assert re.findall(r"<td>([^<]*)</td>", row[:row.index("</tr>")])[0] == "0.82 (5)"


def run_export(app, tmp_path) -> list[dict[str, str]]:
    out = tmp_path / "research.csv"
    result = CliRunner().invoke(export_research, ["--out", str(out)], obj=SimpleNamespace(app=app))
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_export_is_pseudonymous_and_holds_no_text(make_app, tmp_path):
    app = make_app(plugins=BOTH)
    ids = {name: seed(app, name, {"sign_in": days, "funcan": 3})
           for name, days in (("aoi", 300), ("ren", 12), ("mika", 60))}
    outsider = seed(app, "outsider", {"sign_in": 100}, consent_days_ago=None)
    add_phq9_total(app, ids["aoi"], 7)
    add_phq9_total(app, outsider, 20)
    rows = run_export(app, tmp_path)
    assert len(rows) == 3
    assert list(rows[0])[:2] == ["research_id", "days_observed"]
    assert {"sign_in_category", "sign_in_code", "sign_in_days", "phq9_total", "ghsq_formal"} <= set(rows[0])
    text = (tmp_path / "research.csv").read_text(encoding="utf-8")
    for name in ("aoi", "ren", "mika", "outsider", "user"):
        assert name not in text
    cell = re.compile(r"^([0-9a-f]{20}|\d+(\.\d+)?|[a-z_]+|)$")
    assert all(cell.match(value) for row in rows for value in row.values())
    assert all(row["research_id"] not in {str(i) for i in (*ids.values(), outsider)} for row in rows)
    by_days = {row["sign_in_days"]: row for row in rows}
    assert by_days["300"]["sign_in_category"] == "almost_every_day" and by_days["300"]["phq9_total"] == "7"
    assert by_days["12"]["sign_in_code"] == "2" and by_days["12"]["phq9_total"] == ""
    assert [row["research_id"] for row in rows] == sorted(row["research_id"] for row in rows)
    assert [row["research_id"] for row in run_export(app, tmp_path)] == [row["research_id"] for row in rows]


def test_research_ids_follow_the_community_secret(make_app, tmp_path):
    app = make_app(plugins=["research"], research={"secret": "sunrise-research-2026"})
    seed(app, "aoi", {"sign_in": 5})
    first = run_export(app, tmp_path)[0]["research_id"]
    other = make_app(plugins=["research"], research={"secret": "another-community"})
    assert run_export(other, tmp_path)[0]["research_id"] != first
    again = make_app(plugins=["research"], research={"secret": "sunrise-research-2026"})
    assert run_export(again, tmp_path)[0]["research_id"] == first


def test_export_without_questionnaires_has_usage_only(make_app, tmp_path):
    app = make_app(plugins=["research"])
    seed(app, "aoi", {"sign_in": 5})
    rows = run_export(app, tmp_path)
    assert rows[0]["sign_in_category"] == "once_a_year"
    assert not [column for column in rows[0] if column.startswith(("phq9", "dd_", "ghsq"))]


def test_withdrawn_members_leave_the_export(make_app, tmp_path):
    app = make_app(plugins=["research"])
    seed(app, "ren", {"sign_in": 5})
    client = member_client(app, "aoi")
    client.post("/research/consent", data={"agree": "y"})
    assert len(run_export(app, tmp_path)) == 2
    client.post("/research/withdraw")
    assert len(run_export(app, tmp_path)) == 1


def test_cli_gets_an_export_research_command():
    group = click.Group("forum")
    forum_cli(cli=group)
    forum_cli(cli=group)  # a second app in the same process must not break the group
    assert group.commands["export"].commands["research"] is export_research
