"""Member pages (list, take, result, history) and the host's aggregate summary."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from forum.core.api import (
    User,
    crisis_page,
    db,
    form_page,
    hook,
    limiter,
    local_time_text,
    login_required,
    role_required,
    settings,
    write_limit,
)

from .chart import Point, history_chart
from .forms import answer_form, answers_from, field_name
from .instruments import Instrument, wording
from .instruments import current_language as language
from .models import QuestionnaireResult
from .results import (
    catalogue,
    latest_results,
    member_history,
    own_result_or_404,
    published_summary,
    save_result,
)
from .scoring import Outcome, format_score, score, triggered_alerts

bp = Blueprint("questionnaires", __name__, url_prefix="/questionnaires")


@bp.context_processor
def template_helpers() -> dict[str, Any]:
    return {"wording": lambda text: wording(text, language()), "format_score": format_score,
            "field_name": field_name}


def loaded_or_404(instrument_id: str) -> Instrument:
    instrument = catalogue().instruments.get(instrument_id)
    if instrument is None:
        abort(404)
    return instrument


@bp.route("/")
@login_required
def index() -> str:
    latest = {result.instrument: result for result in latest_results([current_user.id])}
    return render_template("questionnaires/list.html", instruments=catalogue().offered_instruments(),
                           latest=latest)


@bp.route("/<instrument_id>", methods=["GET", "POST"])
@login_required
@limiter.limit(write_limit, methods=["POST"])
def take(instrument_id: str) -> Any:
    instrument = catalogue().offered_or_404(instrument_id)
    form = answer_form(instrument, language())
    if form.validate_on_submit():
        answers = answers_from(form, instrument)
        outcome = score(instrument, answers)
        result = save_result(current_user, instrument, answers, outcome)
        result_url = url_for(".result", result_id=result.id)
        if outcome.alerts:
            raise_safety_alerts(current_user._get_current_object(), instrument, outcome)
        db.session.commit()
        if not outcome.alerts:
            return redirect(result_url)
        return crisis_page(result_url, lead=_(
            "Thank you for answering honestly. Your answers tell us you may be having thoughts of "
            "death or of hurting yourself, and we want you to have support right now."))
    return form_page("questionnaires/take.html", form, instrument=instrument)


def raise_safety_alerts(user: User, instrument: Instrument, outcome: Outcome) -> None:
    """Tell moderators (through the hook) which rule fired, and nothing more of the answers."""
    for alert in outcome.alerts:
        question = instrument.question(alert.item)
        reason = _("%(name)s item %(number)d answered above %(value)d",
                   name=instrument.name, number=question.number, value=alert.above)
        hook().forum_safety_alert(user=user, reason=reason, item=None, urgent=True)


@bp.route("/results/<int:result_id>")
@login_required
def result(result_id: int) -> str:
    saved = own_result_or_404(result_id, current_user)
    instrument = loaded_or_404(saved.instrument)
    community = settings()["community"]
    return render_template(
        "questionnaires/result.html", instrument=instrument, result=saved,
        bands={s.id: instrument.band(s.id, saved.scores.get(s.id)) for s in instrument.scores},
        safety=bool(triggered_alerts(instrument, saved.answers)),
        message=community["crisis_message"], resources=community["crisis_resources"],
    )


@bp.route("/<instrument_id>/history")
@login_required
def history(instrument_id: str) -> str:
    instrument = loaded_or_404(instrument_id)
    results = member_history(current_user, instrument)
    chart = _chart(instrument, results) if results else None
    return render_template("questionnaires/history.html", instrument=instrument, results=results, chart=chart,
                           offered=instrument.id in catalogue().offered)


def _chart(instrument: Instrument, results: list[QuestionnaireResult]) -> Any:
    points = [Point(r.created_at, r.scores) for r in results]
    latest = results[-1]
    primary = instrument.primary
    band = instrument.band(primary.id, latest.scores.get(primary.id))
    title = _("%(name)s: your results over time", name=instrument.name)
    desc = ngettext("%(num)d result from %(first)s to %(last)s.",
                    "%(num)d results from %(first)s to %(last)s.", len(results),
                    first=local_time_text(results[0].created_at, "date"),
                    last=local_time_text(latest.created_at, "date"))
    desc += " " + _("Latest %(score)s: %(value)s.", score=wording(primary.label, language()),
                    value=format_score(latest.scores.get(primary.id)))
    if band is not None:
        desc = f"{desc} {wording(band.label, language())}."
    return history_chart(instrument, points, language(), title, desc)


@bp.route("/summary")
@role_required("host")
def summary() -> str:
    offered = catalogue().offered_instruments()
    by_instrument: dict[str, list[QuestionnaireResult]] = defaultdict(list)
    for latest in latest_results(instrument_ids=[i.id for i in offered]):
        by_instrument[latest.instrument].append(latest)
    min_n = settings()["questionnaires"]["min_group_size"]
    summaries = [published_summary(instrument, by_instrument[instrument.id], min_n) for instrument in offered]
    return render_template("questionnaires/summary.html", summaries=summaries, min_n=min_n)
