"""Saved results: the member's own history, latest results, and privacy-safe aggregates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from typing import Any

from flask import abort, current_app
from sqlalchemy import func, select

from forum.core.api import User, db

from .instruments import Band, Instrument, ScoreDef, current_language, wording
from .models import QuestionnaireResult, SummarySnapshot
from .scoring import Outcome, round_half_up


@dataclass(frozen=True)
class Catalogue:
    """The instruments loaded at start-up, and the ones this community offers its members."""

    instruments: dict[str, Instrument]
    offered: tuple[str, ...]

    def offered_instruments(self) -> list[Instrument]:
        return [self.instruments[key] for key in self.offered]

    def offered_or_404(self, instrument_id: str) -> Instrument:
        if instrument_id not in self.offered:
            abort(404)
        return self.instruments[instrument_id]


def catalogue() -> Catalogue:
    return current_app.extensions["questionnaires"]


def save_result(user: User, instrument: Instrument, answers: Mapping[str, int | None], outcome: Outcome,
                taken_at: datetime | None = None) -> QuestionnaireResult:
    """Add a result to the session (the caller commits)."""
    result = QuestionnaireResult(user_id=user.id, instrument=instrument.id, answers=dict(answers),
                                 scores=dict(outcome.scores))
    if taken_at is not None:
        result.created_at = taken_at
    db.session.add(result)
    db.session.flush()
    return result


def own_result_or_404(result_id: int, user: User) -> QuestionnaireResult:
    """A result of the signed-in member; anyone else's is a 404, whatever their role."""
    result = db.session.scalar(select(QuestionnaireResult).where(
        QuestionnaireResult.id == result_id, QuestionnaireResult.user_id == user.id))
    if result is None or result.instrument not in catalogue().instruments:
        abort(404)
    return result


def member_history(user: User, instrument: Instrument, limit: int = 200) -> list[QuestionnaireResult]:
    """The member's latest ``limit`` results for one instrument, oldest first."""
    newest = db.session.scalars(
        select(QuestionnaireResult)
        .where(QuestionnaireResult.user_id == user.id, QuestionnaireResult.instrument == instrument.id)
        .order_by(QuestionnaireResult.created_at.desc(), QuestionnaireResult.id.desc())
        .limit(limit)
    ).all()
    return list(reversed(newest))


def latest_results(user_ids: Iterable[int] | None = None,
                   instrument_ids: Iterable[str] | None = None) -> list[QuestionnaireResult]:
    """Each member's most recent result per instrument, in one query."""
    rank = func.row_number().over(
        partition_by=(QuestionnaireResult.user_id, QuestionnaireResult.instrument),
        order_by=(QuestionnaireResult.created_at.desc(), QuestionnaireResult.id.desc()),
    ).label("rank")
    ranked = select(QuestionnaireResult.id, rank)
    if user_ids is not None:
        ranked = ranked.where(QuestionnaireResult.user_id.in_(list(user_ids)))
    if instrument_ids is not None:
        ranked = ranked.where(QuestionnaireResult.instrument.in_(list(instrument_ids)))
    latest = ranked.subquery()
    return list(db.session.scalars(
        select(QuestionnaireResult).join(latest, latest.c.id == QuestionnaireResult.id)
        .where(latest.c.rank == 1).order_by(QuestionnaireResult.id)
    ))


def outcome_columns() -> list[dict[str, str]]:
    """Every score of every offered instrument as the research plugin asks for it: column key
    (``phq9_total``), label (``PHQ-9: Total``), instrument id and what it measures."""
    language = current_language()
    return [{"key": f"{instrument.id}_{score.id}",
             "label": f"{instrument.name}: {wording(score.label, language)}",
             "instrument": instrument.id, "measures": score.measures}
            for instrument in catalogue().offered_instruments() for score in instrument.scores]


def administrations(user_ids: Iterable[int]) -> list[dict[str, Any]]:
    """Every result of these members for offered instruments, oldest first: member id, instrument,
    when, and scores keyed like ``outcome_columns``. Answers are never passed on."""
    ids = list(user_ids)
    if not ids:
        return []
    results = db.session.execute(
        select(QuestionnaireResult.user_id, QuestionnaireResult.instrument, QuestionnaireResult.created_at,
               QuestionnaireResult.scores)
        .where(QuestionnaireResult.user_id.in_(ids), QuestionnaireResult.instrument.in_(catalogue().offered))
        .order_by(QuestionnaireResult.created_at, QuestionnaireResult.id))
    return [{"user_id": user_id, "instrument": instrument, "taken_at": taken_at,
             "scores": {f"{instrument}_{key}": value for key, value in scores.items()}}
            for user_id, instrument, taken_at, scores in results]


@dataclass(frozen=True)
class Summary:
    """What a host may see of one instrument: counts and means, small groups hidden."""

    instrument: Instrument
    n: int
    shown: bool
    means: list[tuple[ScoreDef, float | None]]
    bands: list[tuple[Band, int | None]]  # None: hidden, a cell smaller than the minimum


def summarise(instrument: Instrument, results: list[QuestionnaireResult], min_n: int) -> Summary:
    """n, means and the primary score's band distribution over members' latest results."""
    n = len(results)
    if n < min_n:
        return Summary(instrument, n, False, [], [])
    means = [(score, _mean(r.scores.get(score.id) for r in results)) for score in instrument.scores]
    counts = Counter(band.id for r in results
                     if (band := instrument.band(instrument.primary.id, r.scores.get(instrument.primary.id))))
    bands = instrument.bands_for(instrument.primary.id)
    shown = suppress_small_cells({band.id: counts[band.id] for band in bands}, min_n)
    return Summary(instrument, n, True, means, [(band, shown[band.id]) for band in bands])


def published_summary(instrument: Instrument, results: list[QuestionnaireResult], min_n: int) -> Summary:
    """The summary a host sees: the last published one until at least ``min_n`` members' latest
    results differ from those it counted, so no one's score can be worked out by comparing the
    page before and after they answer (or retake, or leave). Commits a newly published one."""
    counted = {str(result.user_id): result.id for result in results}
    snapshot = db.session.scalar(select(SummarySnapshot).where(SummarySnapshot.instrument == instrument.id))
    if snapshot is not None and _changed_members(snapshot.counted, counted) < min_n:
        return _from_figures(instrument, snapshot.figures)
    fresh = summarise(instrument, results, min_n)
    if fresh.shown:  # "too few" reveals nothing: only what is shown needs holding still
        snapshot = snapshot or SummarySnapshot(instrument=instrument.id)
        snapshot.counted, snapshot.figures = counted, _figures(fresh)
        db.session.add(snapshot)
        db.session.commit()
    return fresh


def _changed_members(before: Mapping[str, int], now: Mapping[str, int]) -> int:
    return sum(1 for member in before.keys() | now.keys() if before.get(member) != now.get(member))


def _figures(summary: Summary) -> dict[str, Any]:
    return {"n": summary.n, "means": {score.id: mean for score, mean in summary.means},
            "bands": {band.id: count for band, count in summary.bands}}


def _from_figures(instrument: Instrument, figures: dict[str, Any]) -> Summary:
    means = [(score, figures["means"].get(score.id)) for score in instrument.scores]
    bands = [(band, figures["bands"].get(band.id)) for band in instrument.bands_for(instrument.primary.id)]
    return Summary(instrument, figures["n"], True, means, bands)


def _mean(values: Iterable[float | None]) -> float | None:
    given = [Fraction(value) for value in values if value is not None]
    return round_half_up(sum(given, Fraction(0)) / len(given), 2) if given else None


def suppress_small_cells(counts: dict[str, int], min_n: int) -> dict[str, int | None]:
    """Hide counts from 1 to ``min_n - 1``; if only one is hidden, hide the next smallest too,
    so it can't be worked out from the total."""
    hidden = {key for key, count in counts.items() if 0 < count < min_n}
    if len(hidden) == 1:
        others = sorted((count, key) for key, count in counts.items() if key not in hidden and count > 0)
        if others:
            hidden.add(others[0][1])
    return {key: None if key in hidden else count for key, count in counts.items()}
