"""The screening corpus (tests/data/screening_corpus.csv) through ``forum screen --evaluate``.

The corpus is our own: English and Japanese sentences, half risky in varied real-world forms
(urgent, check-in, hostility, contact details, and disguised "evasion" versions of them), half
benign look-alikes (idioms, prevention, negation, reported speech, fiction, everyday talk).
Targets: risky caught (held or flagged) >= 95%, benign held <= 2%, no evasion passes.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from flask import Flask

from forum import create_app
from forum.core.api import Action, screen_texts
from plugins.moderation.cli import screen_command

CORPUS = Path(__file__).parent / "data" / "screening_corpus.csv"
CRISIS_LINE = {"name": "Inochi no Denwa", "phone": "0570-783-556"}


def corpus() -> list[dict[str, str]]:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    folder = tmp_path_factory.mktemp("corpus")
    app = create_app(settings={"plugins": {"enabled": ["moderation"]},
                               "community": {"crisis_resources": [CRISIS_LINE]}},
                     instance_path=str(folder), TESTING=True,
                     SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / 'unused.sqlite'}")
    with app.app_context():
        yield app


def test_corpus_has_enough_of_each_language_and_kind() -> None:
    rows = corpus()
    english = [row for row in rows if row["lang"] == "en"]
    japanese = [row for row in rows if row["lang"] == "ja"]
    assert len(english) >= 300 and len(japanese) >= 150
    for rows_of_language in (english, japanese):
        risky = sum(row["label"] == "1" for row in rows_of_language)
        assert 0.4 <= risky / len(rows_of_language) <= 0.65
    kinds = {row["kind"] for row in rows}
    assert {"urgent", "check_in", "hostility", "contact", "benign"} <= kinds
    assert {"evasion:urgent", "evasion:check_in", "evasion:hostility", "evasion:contact"} <= kinds


def _figure(line: str, name: str) -> float:
    return float(re.search(rf"{name}\s+([\d.]+)%", line).group(1))


def test_evaluate_command_meets_the_targets_on_the_corpus(app: Flask) -> None:
    result = CliRunner().invoke(screen_command, ["--evaluate", str(CORPUS), "--label-column", "label"],
                                obj=SimpleNamespace(app=app))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    overall = next(line for line in lines if line.startswith("all rules"))
    assert _figure(overall, "caught") >= 95.0
    assert _figure(overall, "false holds") <= 2.0
    assert any(line.startswith("rule self_harm") for line in lines)
    assert any(line.startswith("tier urgent") for line in lines) and any(line.startswith("tier check_in")
                                                                           for line in lines)
    assert re.search(r"\d+ texts, [\d.]+ ms per text", lines[-1])


def _outcome(text: str) -> tuple[Action, set[str], str]:
    result = screen_texts({"body": text}, None, "discussion")
    tiers = {v.tier for v in result.verdicts if v.tier}
    return (result.action, {v.rule for v in result.verdicts if v.action >= Action.FLAG},
            "urgent" if "urgent" in tiers else "check_in" if tiers else "")


RULE_OF_KIND = {"hostility": "hostility", "contact": "contact_details"}


@pytest.mark.parametrize("row", [row for row in corpus() if row["kind"].startswith("evasion")],
                         ids=lambda row: row["text"][:30])
def test_no_evasion_passes(app: Flask, row: dict[str, str]) -> None:
    action, rules, tier = _outcome(row["text"])
    kind = row["kind"].removeprefix("evasion:")
    assert action >= Action.FLAG
    if kind in RULE_OF_KIND:
        assert RULE_OF_KIND[kind] in rules and action >= Action.HOLD
    else:
        assert tier in (kind, "urgent")


def test_risky_rows_reach_their_tier_and_benign_rows_are_not_held(app: Flask) -> None:
    rows = corpus()
    urgent = [row for row in rows if row["kind"] == "urgent"]
    in_tier = sum(_outcome(row["text"])[2] == "urgent" for row in urgent)
    assert in_tier / len(urgent) >= 0.95
    benign = [row for row in rows if row["label"] == "0"]
    held = [row["text"] for row in benign if _outcome(row["text"])[0] >= Action.HOLD]
    assert len(held) / len(benign) <= 0.02, held
