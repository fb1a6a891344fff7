"""``forum export research --out DIR``: pseudonymous files, longitudinal rows, a data dictionary,
the minimum number of participants, and an audit entry for every export."""

from __future__ import annotations

import csv
import re
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from forum.core.api import AuditEvent, db, utcnow
from forum.testing import member_client
from plugins.research import export_research, forum_cli
from plugins.research.export import iso_weeks
from plugins.research.tests import fake_outcomes
from plugins.research.tests.helpers import OUTCOME_COLUMNS, RESEARCH_ONLY, add_scores, seed

FILES = {
    "participants.csv",
    "administrations.csv",
    "weekly_use.csv",
    "table1.csv",
    "length_of_use.csv",
    "characteristics.csv",
    "table2.csv",
    "table3.csv",
    "self_report.csv",
    "dictionary.csv",
}


@pytest.fixture(autouse=True)
def outcome_columns():
    fake_outcomes.reset(list(OUTCOME_COLUMNS))


def run_export(app, folder: Path, *args: str, code: int = 0):
    result = CliRunner().invoke(export_research, ["--out", str(folder), *args], obj=SimpleNamespace(app=app))
    assert result.exit_code == code, result.output
    return result


def read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def five(make_app):
    app = make_app(plugins=RESEARCH_ONLY, research={"functions": ["sign_in", "funcan"]})
    ids = {
        name: seed(app, name, {"sign_in": every, "funcan": 3}, consent_days_ago=100)
        for name, every in (("aoi", 1), ("ren", 30), ("mika", 7), ("sora", 2), ("yui", 200))
    }
    outsider = seed(app, "outsider", {"sign_in": 1}, consent_days_ago=None)
    add_scores(ids["aoi"], 90, "dd", total=30)
    add_scores(ids["aoi"], 10, "dd", total=22)
    add_scores(ids["aoi"], 10, "ghsq", formal=4.67)
    add_scores(outsider, 10, "dd", total=50)
    return app, ids


def test_export_is_pseudonymous_and_holds_no_text(five, tmp_path):
    app, ids = five
    tmp_path = tmp_path / "out"
    run_export(app, tmp_path)
    assert {p.name for p in tmp_path.iterdir()} == FILES
    rows = read(tmp_path, "participants.csv")
    assert len(rows) == 5
    assert list(rows[0])[:4] == ["research_id", "days_observed", "length_of_use", "length_of_use_code"]
    assert {"sign_in_category", "sign_in_code", "sign_in_days", "gender", "medication", "dd_total"} <= set(
        rows[0]
    )
    everything = "".join((tmp_path / name).read_text(encoding="utf-8") for name in FILES - {"dictionary.csv"})
    for name in ("aoi", "ren", "mika", "outsider", "hikari"):
        assert name not in everything
    assert not re.search(r"\d{4}-\d{2}-\d{2}", everything)  # no calendar dates, only ISO weeks
    cell = re.compile(r"^([0-9a-f]{20}|-?\d+(\.\d+)?|[a-z_0-9]+|)$")
    assert all(cell.match(value) for row in rows for value in row.values())
    assert not {row["research_id"] for row in rows} & {str(i) for i in ids.values()}
    by_days = {row["sign_in_days"]: row for row in rows}
    assert by_days["101"]["sign_in_category"] == "almost_every_day" and by_days["101"]["dd_total"] == "22"
    assert by_days["101"]["ghsq_formal"] == "4.67" and by_days["4"]["dd_total"] == ""
    assert [row["research_id"] for row in rows] == sorted(row["research_id"] for row in rows)
    run_export(app, tmp_path / "again")
    assert read(tmp_path / "again", "participants.csv") == rows


def test_one_row_per_administration_with_days_since_consent(five, tmp_path):
    app, _ids = five
    run_export(app, tmp_path)
    rows = read(tmp_path, "administrations.csv")
    assert [(r["instrument"], r["days_since_consent"], r["dd_total"], r["ghsq_formal"]) for r in rows] == [
        ("dd", "10", "30", ""),
        ("dd", "90", "22", ""),
        ("ghsq", "90", "", "4.67"),
    ]
    assert len({r["research_id"] for r in rows}) == 1  # aoi's three; the outsider's never


def test_one_row_per_member_function_and_iso_week(make_app, tmp_path):
    app = make_app(plugins=["research"], research={"functions": ["sign_in", "funcan"]})
    for index in range(4):
        seed(app, f"m{index}", {"sign_in": 7}, consent_days_ago=100)
    seed(app, "daily", {"sign_in": 1, "funcan": -3}, consent_days_ago=13)  # funcan: the last 3 days
    run_export(app, tmp_path)
    weekly = read(tmp_path, "weekly_use.csv")
    today = utcnow().date()
    first = today - timedelta(days=13)
    weeks = [week for week, _a, _b in iso_weeks(first, today)]
    daily_id = next(r["research_id"] for r in read(tmp_path, "participants.csv") if r["sign_in_days"] == "14")
    mine = [r for r in weekly if r["research_id"] == daily_id]
    assert [r["iso_week"] for r in mine if r["function"] == "sign_in"] == weeks
    assert sum(int(r["days_used"]) for r in mine if r["function"] == "sign_in") == 14
    assert sum(int(r["days_observed"]) for r in mine if r["function"] == "sign_in") == 14
    assert sum(int(r["days_used"]) for r in mine if r["function"] == "funcan") == 3
    assert all(0 <= int(r["days_used"]) <= int(r["days_observed"]) <= 7 for r in weekly)
    assert all(re.match(r"^\d{4}-W\d{2}$", r["iso_week"]) for r in weekly)


def test_iso_weeks_cover_partial_weeks_at_both_ends():
    from datetime import date

    weeks = list(iso_weeks(date(2026, 1, 1), date(2026, 1, 14)))  # a Thursday to a Wednesday
    assert weeks == [
        ("2026-W01", date(2026, 1, 1), date(2026, 1, 4)),
        ("2026-W02", date(2026, 1, 5), date(2026, 1, 11)),
        ("2026-W03", date(2026, 1, 12), date(2026, 1, 14)),
    ]
    assert [w for w, _a, _b in iso_weeks(date(2026, 12, 28), date(2027, 1, 4))] == ["2026-W53", "2027-W01"]


def test_the_dictionary_describes_every_column_of_every_file(five, tmp_path):
    app, _ids = five
    run_export(app, tmp_path)
    described = {(r["file"], r["column"]) for r in read(tmp_path, "dictionary.csv")}
    assert all(r["meaning"] for r in read(tmp_path, "dictionary.csv"))
    for name in FILES:
        with (tmp_path / name).open(encoding="utf-8") as fh:
            header = next(csv.reader(fh))
        assert {(name, column) for column in header} <= described, name


def test_published_tables_hide_small_cells(five, tmp_path):
    app, _ids = five
    run_export(app, tmp_path)
    sign_in = {r["category"]: r["n"] for r in read(tmp_path, "table1.csv") if r["function"] == "sign_in"}
    assert sign_in["almost_every_day"] == "<5" and sign_in["never"] == "0"
    funcan = {
        r["category"]: (r["n"], r["percent"])
        for r in read(tmp_path, "table1.csv")
        if r["function"] == "funcan"
    }
    assert funcan["few_times_a_week"] == ("5", "100.0")  # every third day: 122 a year
    table3 = read(tmp_path, "table3.csv")
    assert {r["outcome"] for r in table3} == {"dd_total", "ghsq_formal"}
    assert all(r["note"] == "not estimable" for r in table3)  # one score each: far too few


def test_fewer_participants_than_the_minimum_need_allow_small(make_app, tmp_path):
    app = make_app(plugins=["research"])
    seed(app, "aoi", {"sign_in": 1})
    result = run_export(app, tmp_path / "refused", code=1)
    assert "Only 1 member(s) consent" in result.output and "--allow-small" in result.output
    assert not (tmp_path / "refused").exists()
    run_export(app, tmp_path / "small", "--allow-small")
    assert len(read(tmp_path / "small", "participants.csv")) == 1
    with app.app_context():
        entries = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "research_export")).all()
        assert [(e.details["members"], e.details["allow_small"]) for e in entries] == [(1, True)]
        assert "participants.csv" in entries[0].details["files"]


def test_every_export_is_audit_logged(five, tmp_path):
    app, _ids = five
    run_export(app, tmp_path / "one")
    run_export(app, tmp_path / "two")
    with app.app_context():
        entries = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "research_export")).all()
    assert [(e.actor_id, e.details["members"], e.details["allow_small"]) for e in entries] == [
        (None, 5, False),
        (None, 5, False),
    ]


def test_research_ids_follow_the_community_secret(make_app, tmp_path):
    seed(make_app(plugins=["research"]), "aoi", {"sign_in": 5})  # the apps share one database

    def first_id(secret: str, folder: str) -> str:
        app = make_app(plugins=["research"], research={"secret": secret})
        run_export(app, tmp_path / folder, "--allow-small")
        return read(tmp_path / folder, "participants.csv")[0]["research_id"]

    first = first_id("sunrise-research-2026", "a")
    assert first_id("another-community", "b") != first
    assert first_id("sunrise-research-2026", "c") == first


def test_export_without_outcomes_has_usage_only(make_app, tmp_path):
    app = make_app(plugins=["research"])
    seed(app, "aoi", {"sign_in": -5})
    run_export(app, tmp_path, "--allow-small")
    row = read(tmp_path, "participants.csv")[0]
    assert row["sign_in_category"] == "once_a_year" and row["sign_in_days"] == "5"
    assert not [column for column in row if column.startswith(("phq9", "dd_", "ghsq"))]
    assert read(tmp_path, "administrations.csv") == []


def test_withdrawn_members_leave_the_export(make_app, tmp_path):
    app = make_app(plugins=["research"])
    seed(app, "ren", {"sign_in": 5})
    client = member_client(app, "aoi")
    client.post("/research/consent", data={"agree": "y"})
    client.post("/research/about", data={"gender": "female", "medication": "yes"})
    run_export(app, tmp_path / "before", "--allow-small")
    assert sorted(r["gender"] for r in read(tmp_path / "before", "participants.csv")) == ["", "female"]
    client.post("/research/withdraw")
    run_export(app, tmp_path / "after", "--allow-small")
    assert [r["gender"] for r in read(tmp_path / "after", "participants.csv")] == [""]


def test_cli_gets_an_export_research_command():
    group = click.Group("forum")
    forum_cli(cli=group)
    forum_cli(cli=group)  # a second app in the same process must not break the group
    assert group.commands["export"].commands["research"] is export_research
