"""The questionnaires plugin answers the research plugin's hooks (however the host names it),
ships optional files (self-reported use, adapted wording), and adaptations may re-read a subscale."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from forum.core.api import ConfigError, db, utcnow
from forum.testing import member_client
from plugins.questionnaires import EXTRAS_DIR, INSTRUMENT_DIR, SHIPPED
from plugins.questionnaires.instruments import load_instruments, parse_instrument, wording

PHQ9_MILD = {f"q_{n}": v for n, v in zip(range(1, 10), [1, 1, 1, 1, 1, 1, 1, 0, 0], strict=True)}
USAGE = ["sign_in", "react", "read_profiles", "formulation", "funcan", "thought_record"]


def take_part(app, name: str):
    client = member_client(app, name)
    assert client.post("/research/consent", data={"agree": "y"}).status_code == 302
    return client


def observed_for_100_days(app) -> None:
    """Members who just consented are too new for the statistics: move consent back."""
    from plugins.research.models import ResearchConsent

    with app.app_context():
        db.session.execute(update(ResearchConsent).values(consented_at=utcnow() - timedelta(days=100)))
        db.session.commit()


def test_research_sees_scores_when_questionnaires_is_enabled_by_its_dotted_name(make_app):
    pytest.importorskip("plugins.research", reason="with the research plugin")
    app = make_app(plugins=["plugins.questionnaires", "research"])
    for index in range(5):
        client = take_part(app, f"m{index}")
        assert client.post("/questionnaires/phq9", data=PHQ9_MILD).status_code == 302
    observed_for_100_days(app)
    page = member_client(app, "hikari", "host").get("/research/results").get_data(as_text=True)
    assert "PHQ-9: Total" in page and "GHSQ: Would not seek help from anyone" in page
    table = page[page.index('id="table2-use"') :]
    row = table[table.index('<th scope="row">PHQ-9: Total</th>') :]
    assert re.findall(r"<td>(.*?)</td>", row[: row.index("</tr>")]) == ["5", "7.00 (0.00)"]


def test_administrations_carry_scores_never_answers(make_app):
    pytest.importorskip("plugins.research", reason="with the research plugin")
    app = make_app(plugins=["questionnaires", "research"])
    client = take_part(app, "aoi")
    client.post("/questionnaires/phq9", data=PHQ9_MILD)
    client.post("/questionnaires/phq9", data={**PHQ9_MILD, "q_1": "3"})
    with app.test_request_context():
        hook = app.extensions["forum"].hook
        columns = [c for answer in hook.research_outcome_columns() for c in answer]
        found = [a for answer in hook.research_administrations(user_ids=[1, 2, 3]) for a in answer]
    assert {
        "key": "ghsq_informal",
        "label": "GHSQ: Informal help",
        "instrument": "ghsq",
        "measures": "",
    } in columns
    assert [(a["instrument"], a["scores"]) for a in found] == [
        ("phq9", {"phq9_total": 7.0}),
        ("phq9", {"phq9_total": 9.0}),
    ]
    assert all("answers" not in a for a in found)


def test_optional_files_are_included_by_name(make_app):
    app = make_app(
        plugins=["questionnaires"], questionnaires={"include": ["dd_treatment", "usage", "usage_length"]}
    )
    client = member_client(app, "aoi")
    listing = client.get("/questionnaires/").get_data(as_text=True)
    assert (
        "How often you use this community" in listing and "How long you have used this community" in listing
    )
    assert "a person who has received mental health treatment" in client.get("/questionnaires/dd").get_data(
        as_text=True
    )
    with pytest.raises(ConfigError, match=r"include names unknown file\(s\) 'gad7'"):
        make_app(plugins=["questionnaires"], questionnaires={"include": ["gad7"]})


def test_the_u2plus_examples_use_the_adapted_wording_and_ask_about_use():
    for name in ("u2plus", "u2plus-ja"):
        text = Path(f"examples/{name}.toml").read_text(encoding="utf-8")
        assert 'include = ["dd_treatment", "usage", "usage_length"]' in text


def test_self_reported_use_is_compared_with_measured_use(make_app):
    pytest.importorskip("plugins.research", reason="with the research plugin")
    app = make_app(
        plugins=["questionnaires", "research"],
        questionnaires={"include": ["usage", "usage_length"]},
        research={"min_group_size": 2, "functions": USAGE},
    )
    for name in ("aoi", "ren"):
        client = take_part(app, name)
        answers = {f"q_{f}": "5" if f == "sign_in" else "0" for f in USAGE}
        assert client.post("/questionnaires/usage", data=answers).status_code == 302
        assert client.post("/questionnaires/usage_length", data={"q_length": "1"}).status_code == 302
    from plugins.research.analysis import comparisons, functions_in_use, outcomes, participants

    with app.test_request_context():
        people = participants(functions_in_use())
        found = outcomes(p.user_id for p in people)
        assert found.self_report("use:sign_in")["key"] == "usage_sign_in"
        assert {c.key: c.n for c in comparisons(people, functions_in_use(), found, 2)}[
            "sign_in"
        ] == 0  # too new
    observed_for_100_days(app)
    with app.test_request_context():
        people = participants(functions_in_use())
        found_rows = {c.key: c for c in comparisons(people, functions_in_use(), found, 2)}
    # both say "almost every day" for signing in, but signed in on one day at most
    assert found_rows["sign_in"].n == 2 and found_rows["sign_in"].agreement == 0.0
    assert sum(row[5] or 0 for row in found_rows["sign_in"].crosstab) == 2
    assert found_rows["funcan"].agreement == 100.0 and found_rows["funcan"].crosstab[0][0] == 2
    assert found_rows["length"].agreement == 100.0  # both joined today and say "less than 1 month"


def test_an_adaptation_may_read_informal_help_as_partner_friend_and_parent():
    sources = [INSTRUMENT_DIR / f"{name}.toml" for name in SHIPPED]
    ghsq = load_instruments([*sources, EXTRAS_DIR / "ghsq_informal_parent.toml"], None)["ghsq"]
    assert {s.id: s.items for s in ghsq.scores}["informal"] == ("partner", "friend", "parent")
    assert [s.method for s in ghsq.scores] == ["mean", "mean", "mean"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('adapts = "ghsq"\n[scores.casual]\nitems = ["friend"]\n', "ghsq has no score(s) casual"),
        ('adapts = "ghsq"\n[scores.informal]\nitems = ["cousin"]\n', "unknown item id(s) ['cousin']"),
        ('adapts = "ghsq"\n[scores.informal]\nitems = ["friend"]\nmethod = "sum"\n', "unknown key(s) method"),
        ('adapts = "ghsq"\n[scores.informal]\nitems = ["teacher", "someone_else"]\n', "optional item(s)"),
    ],
)
def test_bad_score_adaptations_stop_start_up(tmp_path, text, message):
    (tmp_path / "mine.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_instruments([INSTRUMENT_DIR / f"{name}.toml" for name in SHIPPED], tmp_path)


def test_what_a_score_measures_is_checked():
    import tomllib

    raw = tomllib.loads((EXTRAS_DIR / "usage.toml").read_text(encoding="utf-8"))
    usage = parse_instrument(raw, "usage.toml")
    assert [s.measures for s in usage.scores] == [f"use:{f}" for f in USAGE]
    assert wording(usage.options[5].text, "ja") == "ほぼ毎日"
    raw["scores"][0]["measures"] = "stigma"
    with pytest.raises(ConfigError, match=r"scores\[0\]\.measures: must be \"use:<function>\""):
        parse_instrument(raw, "usage.toml")
