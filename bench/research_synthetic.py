"""A synthetic community shaped like the U2plus survey, measured and analysed by the engine.

    python bench/research_synthetic.py [--members 341] [--seed 16] [--out DIR]

Creates ``--members`` consenting members in a fresh SQLite file through the engine's real models
(users, research consent, one usage row per function and day used, the optional research
profile, questionnaire results scored by the questionnaires plugin), runs
``forum export research`` and prints Table 1, length of use, the participants' characteristics,
Table 2 and Table 3 from the files it wrote.

The shape is an APPROXIMATION of the published one (Kobori & Yoshinaga, JMIR Form Res
2021;5(9):e21348): 341 participants; 74 of them (21.7%) signing in more than once a week;
88% taking medication and 66.6% having had psychotherapy or counselling. The other category
counts, the lengths of use and the score distributions below are plausible stand-ins, not the
paper's figures. The scores are drawn with small built-in associations (more reacting and
profile reading, slightly more help-seeking), so Table 3 has something to find; the members'
own answers to the usage questions over-report a third of the time, so the comparison of
measured and self-reported use has something to show.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from click.testing import CliRunner
from sqlalchemy import insert

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from forum import create_app  # noqa: E402
from forum.core.database import init_db  # noqa: E402
from forum.core.extensions import db  # noqa: E402
from forum.core.models import User, utcnow  # noqa: E402
from plugins.questionnaires.results import catalogue, save_result  # noqa: E402
from plugins.questionnaires.scoring import score  # noqa: E402
from plugins.research import export_research  # noqa: E402
from plugins.research.frequency import frequency_category  # noqa: E402
from plugins.research.models import ResearchConsent, ResearchProfile, UsageEvent  # noqa: E402

FUNCTIONS = ("sign_in", "react", "read_profiles", "formulation", "funcan", "thought_record")
# Members per category (never, once a year, once a month, once a week, a few times a week, almost
# every day) out of 341. Signing in more than once a week: 44 + 30 = 74 (21.7%), as published.
TABLE1_SHAPE = {
    "sign_in": (0, 60, 120, 87, 44, 30),
    "react": (90, 60, 80, 55, 30, 26),
    "read_profiles": (70, 80, 95, 50, 26, 20),
    "formulation": (170, 70, 55, 26, 12, 8),
    "funcan": (150, 60, 60, 36, 20, 15),
    "thought_record": (110, 70, 75, 46, 24, 16),
}
RATES = ((0, 0), (1, 11), (12, 51), (52, 103), (104, 259), (260, 365))  # days a year per category
LENGTH_SHAPE = ((30, 182, 50), (182, 365, 70), (365, 1095, 150), (1095, 2000, 71))  # joined days ago, n
GENDERS = (("female", 0.62), ("male", 0.33), ("another", 0.02), ("", 0.03))
AGE_GROUPS = (
    ("under_20", 0.05),
    ("20s", 0.27),
    ("30s", 0.32),
    ("40s", 0.24),
    ("50s", 0.09),
    ("60_plus", 0.03),
)


def spread(shape: tuple[int, ...], members: int, rng: random.Random) -> list[int]:
    """Category codes for ``members`` people in the proportions of ``shape`` (shuffled)."""
    codes = [code for code, n in enumerate(shape) for _ in range(n)]
    codes = [codes[int(i * len(codes) / members)] for i in range(members)]
    rng.shuffle(codes)
    return codes


def pick(choices: tuple[tuple[str, float], ...], rng: random.Random) -> str:
    return rng.choices([c for c, _w in choices], weights=[w for _c, w in choices])[0]


def days_for(code: int, observed: int, rng: random.Random) -> int:
    """Days used in ``observed`` days for a rate drawn from the category, checked by the engine."""
    low, high = RATES[code]
    for _attempt in range(50):
        days = min(observed, round(rng.uniform(low, high) * observed / 365))
        if frequency_category(days, observed).code == code:
            return days
    raise AssertionError(f"no day count for category {code} in {observed} days")


def answers_near(instrument: Any, target: float, rng: random.Random) -> dict[str, int]:
    """Answers whose coded values sit around ``target`` (an item-level mean), reverse items flipped."""
    low, high = instrument.low, instrument.high
    found = {}
    for question in instrument.items:
        value = min(high, max(low, round(rng.gauss(target, 1.0))))
        found[question.id] = low + high - value if question.reverse else value
    return found


def seed_member(index: int, codes: dict[str, int], joined_days_ago: int, rng: random.Random) -> None:
    now = utcnow()
    user = User(
        username=f"p{index:03d}",
        username_key=f"p{index:03d}",
        role="member",
        password_hash="-",
        created_at=now - timedelta(days=joined_days_ago),
    )
    db.session.add(user)
    db.session.flush()
    consent_days_ago = min(joined_days_ago, rng.randint(120, 400))
    db.session.add(ResearchConsent(user_id=user.id, consented_at=now - timedelta(days=consent_days_ago)))
    observed = min(365, consent_days_ago + 1)
    rows = []
    for function, code in codes.items():
        days = rng.sample(range(observed), days_for(code, observed, rng))
        rows += [
            {"user_id": user.id, "function": function, "day": now.date() - timedelta(days=d)} for d in days
        ]
    if rows:
        db.session.execute(insert(UsageEvent), rows)
    db.session.add(
        ResearchProfile(
            user_id=user.id,
            gender=pick(GENDERS, rng),
            age_group=pick(AGE_GROUPS, rng),
            medication="yes" if rng.random() < 0.88 else "no",
            psychotherapy="yes" if rng.random() < 0.666 else "no",
        )
    )
    instruments = catalogue().instruments
    social = (codes["react"] + codes["read_profiles"]) / 10  # 0 .. 1
    targets = {
        "phq9": rng.gauss(1.2, 0.6),
        "dd": rng.gauss(3.0, 0.6),
        "ghsq": rng.gauss(3.6 + 1.2 * social, 1.0),
    }
    for key, target in targets.items():
        answers = answers_near(instruments[key], target, rng)
        if key == "phq9":
            answers["9"] = 0  # synthetic members never trigger the safety path
        if key == "ghsq":  # help negation runs against the will to seek help
            answers["no_one"] = min(7, max(1, round(rng.gauss(8 - target, 1.0))))
        save_result(
            user,
            instruments[key],
            answers,
            score(instruments[key], answers),
            taken_at=now - timedelta(days=rng.randint(0, 20)),
        )
    self_report(user, codes, joined_days_ago, instruments, rng)


def self_report(user: User, codes: dict[str, int], joined_days_ago: int, instruments: Any,
                rng: random.Random) -> None:
    """The member's own answers to the usage questions: their measured category, but a third of
    them one category more (people tend to over-report), a tenth one less."""
    def said(code: int, top: int, bottom: int) -> int:
        shift = rng.choices((1, -1, 0), weights=(0.33, 0.10, 0.57))[0]
        return min(top, max(bottom, code + shift))

    usage = {f: said(code, 5, 0) for f, code in codes.items()}
    length = said(1 + sum(joined_days_ago >= edge for edge in (30, 182, 365, 1095)), 5, 1)
    for key, answers in (("usage", usage), ("usage_length", {"length": length})):
        save_result(user, instruments[key], answers, score(instruments[key], answers),
                    taken_at=utcnow() - timedelta(days=rng.randint(0, 20)))


def seed(members: int, rng: random.Random) -> None:
    codes = {f: spread(shape, members, rng) for f, shape in TABLE1_SHAPE.items()}
    lengths = [rng.randint(low, high - 1) for low, high, n in LENGTH_SHAPE for _ in range(n)]
    lengths = [lengths[int(i * len(lengths) / members)] for i in range(members)]
    rng.shuffle(lengths)
    for index in range(members):
        seed_member(index, {f: codes[f][index] for f in FUNCTIONS}, lengths[index], rng)
    db.session.commit()


def read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def figure(value: str, places: int = 2) -> str:
    return f"{float(value):.{places}f}" if value else "–"


def p_value(value: str) -> str:
    return "–" if not value else ("<.001" if float(value) < 0.001 else f"{float(value):.3f}")


def print_counts(folder: Path) -> None:
    rows = read(folder, "table1.csv")
    categories = list(dict.fromkeys(r["category"] for r in rows))
    print("Table 1. Measured use: n (%)")
    print(f"{'function':<16}" + "".join(f"{c[:16]:>18}" for c in categories))
    for function in dict.fromkeys(r["function"] for r in rows):
        cells = [f"{r['n']} ({r['percent'] or '–'})" for r in rows if r["function"] == function]
        print(f"{function:<16}" + "".join(f"{c:>18}" for c in cells))
    print(
        "\nLength of use: "
        + "; ".join(
            f"{r['category']} {r['n']} ({r['percent'] or '–'}%)" for r in read(folder, "length_of_use.csv")
        )
    )
    print(
        "Characteristics: "
        + "; ".join(
            f"{r['question']}={r['answer']} {r['n']}"
            for r in read(folder, "characteristics.csv")
            if r["n"] != "0"
        )
    )


def print_statistics(folder: Path) -> None:
    rows = read(folder, "table2.csv")
    print("\nTable 2. n, mean (SD)")
    for r in rows:
        if r["kind"] in ("use", "outcome"):
            print(f"  {r['variable']:<22} {r['n']:>4}  {figure(r['mean'])} ({figure(r['sd'])})")
    print("Table 2. Spearman rho (two-sided P)")
    outcomes = list(dict.fromkeys(r["variable"].split("~")[1] for r in rows if r["kind"] == "spearman"))
    print(f"  {'function':<16}" + "".join(f"{o:>22}" for o in outcomes))
    for function in FUNCTIONS:
        cells = [next(r for r in rows if r["variable"] == f"{function}~{o}") for o in outcomes]
        print(
            f"  {function:<16}"
            + "".join(f"{figure(c['rho']) + ' (' + p_value(c['p']) + ')':>22}" for c in cells)
        )
    print("\nTable 3. Multiple regression on the six function codes: B (SE), P")
    table3 = read(folder, "table3.csv")
    for outcome in dict.fromkeys(r["outcome"] for r in table3):
        terms = [r for r in table3 if r["outcome"] == outcome]
        if terms[0]["note"] == "not estimable":
            print(f"  {outcome}: not estimable")
            continue
        print(
            f"  {outcome} (n = {terms[0]['n']}, R² = {figure(terms[0]['r_squared'], 3)}, "
            f"adjusted {figure(terms[0]['adj_r_squared'], 3)})"
        )
        for r in terms:
            estimate = f"{figure(r['coefficient'], 3):>8} ({figure(r['se'], 3)})"
            print(f"    {r['term']:<16} {estimate}, P {p_value(r['p'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=341)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--out", type=Path, default=None, help="keep the export in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        settings = {
            "plugins": {"enabled": ["questionnaires", "research"]},
            "questionnaires": {"include": ["dd_treatment", "usage", "usage_length"]},
            "research": {"functions": list(FUNCTIONS)},
        }
        app = create_app(
            None,
            settings=settings,
            instance_path=str(folder / "instance"),
            SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / 'bench.sqlite'}",
            SECRET_KEY="bench",
            FORUM_SCHEMA_CHECK=False,
        )
        init_db(app)
        with app.app_context():
            seed(args.members, random.Random(args.seed))
        out = args.out or folder / "export"
        result = CliRunner().invoke(export_research, ["--out", str(out)], obj=SimpleNamespace(app=app))
        print(result.output.strip(), "\n")
        if result.exit_code:
            raise SystemExit(result.exit_code)
        print_counts(out)
        print_statistics(out)
        print("\nMeasured against self-reported use: n, exact agreement %, Spearman rho")
        for r in read(out, "self_report.csv"):
            print(f"  {r['function']:<16} {r['n']:>4} {figure(r['agreement'], 1):>6} {figure(r['rho'])}")


if __name__ == "__main__":
    main()
