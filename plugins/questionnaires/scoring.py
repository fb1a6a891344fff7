"""Scoring: pure functions from answers to scores, exact (fractions, rounding half up once).

- Reverse-coded items count as ``low + high - value`` (0..5 becomes 5..0).
- ``sum`` adds the coded values; ``mean`` averages the answered ones (rounded to 2 places).
- Missing answers follow the instrument's rule, never a silent zero: ``invalid`` voids a score
  with any missing item; ``prorate`` allows up to ``max_missing`` and, for a sum, scales the
  answered items' mean to the full item count (rounded to a whole number, as the PHQ manual does).
- Alerts look at the raw answer, so reverse coding never hides one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .instruments import Alert, Instrument, Question, ScoreDef


@dataclass(frozen=True)
class Outcome:
    scores: dict[str, float | None]  # None: too many missing answers for the instrument's rule
    missing: tuple[str, ...]  # ids of unanswered items
    alerts: tuple[Alert, ...]

    @property
    def valid(self) -> bool:
        return all(value is not None for value in self.scores.values())


def coded(instrument: Instrument, question: Question, value: int) -> int:
    """The value that counts towards scores (reverse-coded items flipped)."""
    return instrument.low + instrument.high - value if question.reverse else value


def round_half_up(value: Fraction, places: int) -> float:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def score_value(instrument: Instrument, score: ScoreDef, answers: Mapping[str, int | None]) -> float | None:
    """One score from the answers, or None when its missing answers break the rule."""
    given = [coded(instrument, instrument.question(item), answers[item])
             for item in score.items if answers.get(item) is not None]
    missing = len(score.items) - len(given)
    allowed = instrument.missing.max_missing if instrument.missing.rule == "prorate" else 0
    if missing > allowed or not given:
        return None
    mean = Fraction(sum(given), len(given))
    if score.method == "mean":
        return round_half_up(mean, 2)
    if missing == 0:
        return float(sum(given))
    return round_half_up(mean * len(score.items), 0)


def check_answers(instrument: Instrument, answers: Mapping[str, int | None]) -> None:
    """Reject ids and values the instrument doesn't have (a programming error, not a member's)."""
    allowed = {option.value for option in instrument.options}
    known = {q.id for q in instrument.items}
    for item, value in answers.items():
        if item not in known:
            raise ValueError(f"{instrument.id} has no item {item!r}")
        if value is not None and value not in allowed:
            raise ValueError(f"{instrument.id} item {item}: {value!r} is not an answer value")


def score(instrument: Instrument, answers: Mapping[str, int | None]) -> Outcome:
    """Every score, the unanswered items and the alerts the answers trigger."""
    check_answers(instrument, answers)
    scores = {definition.id: score_value(instrument, definition, answers) for definition in instrument.scores}
    missing = tuple(q.id for q in instrument.items if answers.get(q.id) is None)
    return Outcome(scores, missing, triggered_alerts(instrument, answers))


def triggered_alerts(instrument: Instrument, answers: Mapping[str, int | None]) -> tuple[Alert, ...]:
    """The alert rules the raw answers meet (an unanswered item meets none)."""
    return tuple(alert for alert in instrument.alerts
                 if (value := answers.get(alert.item)) is not None and value > alert.above)


def format_score(value: float | None) -> str:
    """12.0 -> "12", 3.5 -> "3.5", 4.67 -> "4.67"; None -> an en dash."""
    if value is None:
        return "–"
    return f"{value:.2f}".rstrip("0").rstrip(".")
