"""Screening quality on a labelled corpus: recall and false holds per tier and kind.

    python bench/screening_quality.py [--corpus FILE.csv] [--show]

The corpus (by default the moderation plugin's own, ``plugins/moderation/tests/data/
screening_corpus.csv``) has columns ``text``, ``label`` (1 risky, 0 benign), ``kind`` (the tier
or rule a risky row calls for: urgent, check_in, hostility, contact; ``evasion:<kind>`` for
disguised ones; ``benign``) and ``lang``. Runs every row through the real pipeline (all rules,
default settings) and prints, per language and kind: how many rows were caught (held or
flagged), held, and caught in the expected tier; for benign rows, false holds and false flags.
``--show`` lists the misses and false holds. Targets: risky caught >= 95%, benign held <= 2%,
no evasion passes.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from forum import create_app
from forum.core.api import Action, screen_texts

CORPUS = Path(__file__).resolve().parent.parent / "plugins/moderation/tests/data/screening_corpus.csv"
CRISIS_LINE = {"name": "Inochi no Denwa", "phone": "0570-783-556"}  # as a host would configure
RULE_OF_KIND = {"urgent": "self_harm", "check_in": "self_harm", "hostility": "hostility",
                "contact": "contact_details"}


def outcome(text: str) -> tuple[Action, set[str], str]:
    result = screen_texts({"body": text}, None, "discussion")
    tiers = {v.tier for v in result.verdicts if v.tier}
    tier = "urgent" if "urgent" in tiers else "check_in" if tiers else ""
    return result.action, {v.rule for v in result.verdicts if v.action >= Action.FLAG}, tier


def expected_hit(kind: str, rules: set[str], tier: str) -> bool:
    """Caught by the rule the kind calls for (and, for self-harm, in its tier)."""
    base = kind.removeprefix("evasion:")
    if base in ("urgent", "check_in"):
        return tier == base or (base == "check_in" and tier == "urgent")
    return RULE_OF_KIND.get(base, "") in rules


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--show", action="store_true", help="list misses and false holds")
    args = parser.parse_args()
    with args.corpus.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    problems = []
    with tempfile.TemporaryDirectory() as instance:
        app = create_app(settings={"plugins": {"enabled": ["moderation"]},
                                   "community": {"crisis_resources": [CRISIS_LINE]}}, instance_path=instance,
                         SQLALCHEMY_DATABASE_URI="sqlite://", FORUM_SCHEMA_CHECK=False)
        with app.app_context():
            for row in rows:
                action, rules, tier = outcome(row["text"])
                kind = row["kind"] if row["label"] == "1" else "benign"
                tally = counts[(row["lang"], kind)]
                tally["rows"] += 1
                held, flagged = action >= Action.HOLD, action == Action.FLAG
                tally["held"] += held
                tally["caught"] += held or flagged
                if row["label"] == "1":
                    tally["expected"] += expected_hit(kind, rules, tier)
                    if not (held or flagged):
                        problems.append(f"MISSED  {row['lang']} {kind:18} {row['text']!r}")
                    elif not expected_hit(kind, rules, tier):
                        problems.append(f"TIER    {row['lang']} {kind:18} got {tier or sorted(rules)}: "
                                        f"{row['text']!r}")
                else:
                    tally["flagged"] += flagged
                    if held:
                        problems.append(f"HELD    {row['lang']} benign  {sorted(rules)} {row['text']!r}")
    print(report(counts))
    if args.show:
        print("\n".join(problems))
    return 0


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:7.1%}" if whole else "      -"


def report(counts: dict[tuple[str, str], dict[str, int]]) -> str:
    lines = [f"{'lang':4} {'kind':20} {'rows':>5}  {'caught':>7} {'held':>7} {'in tier':>7} "
             f"| {'false holds':>11} {'false flags':>11}"]
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (lang, kind), tally in sorted(counts.items()):
        group = "benign" if kind == "benign" else "evasion" if kind.startswith("evasion") else "risky"
        for key, value in tally.items():
            totals[group][key] += value
        if kind == "benign":
            held, flagged = _pct(tally["held"], tally["rows"]), _pct(tally["flagged"], tally["rows"])
            lines.append(f"{lang:4} {kind:20} {tally['rows']:5}  {'':23} | {held:>11} {flagged:>11}")
        else:
            lines.append(f"{lang:4} {kind:20} {tally['rows']:5}  {_pct(tally['caught'], tally['rows'])} "
                         f"{_pct(tally['held'], tally['rows'])} {_pct(tally['expected'], tally['rows'])} |")
    risky, evasion, benign = totals["risky"], totals["evasion"], totals["benign"]
    lines.append(f"risky caught {_pct(risky['caught'], risky['rows'])} (target >= 95%), "
                 f"evasions passing {evasion['rows'] - evasion['caught']} of {evasion['rows']} (target 0), "
                 f"benign held {_pct(benign['held'], benign['rows'])} (target <= 2%)")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
