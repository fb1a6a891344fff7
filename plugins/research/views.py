"""The consent page (every member) and the research results page (hosts only)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import BooleanField
from wtforms.validators import DataRequired

from forum.core.api import db, form_page, forum_state, login_required, role_required, settings

from .analysis import (
    correlations,
    distribution,
    function_label,
    functions_in_use,
    participants,
    questionnaire_scores,
    window_days,
)
from .frequency import CATEGORIES
from .models import ResearchConsent, UsageEvent
from .recording import give_consent, withdraw_consent

bp = Blueprint("research", __name__, url_prefix="/research")


class ConsentForm(FlaskForm):
    agree = BooleanField(
        _l("I have read this page and I agree to take part."),
        validators=[DataRequired(_l("Tick the box to take part, or simply leave this page."))],
    )


def _consent_page(form: FlaskForm) -> tuple[str, int]:
    consent = db.session.get(ResearchConsent, current_user.id)
    days = db.session.scalar(select(func.count()).select_from(UsageEvent)
                             .where(UsageEvent.user_id == current_user.id)) if consent else 0
    functions = [function_label(f) for f in functions_in_use()]
    return form_page("research/consent.html", form, consent=consent, recorded=days, functions=functions,
                     window=window_days(), with_scores="questionnaires" in forum_state().plugins,
                     withdraw_form=FlaskForm())


@bp.route("/")
@login_required
def consent_page() -> Any:
    return _consent_page(ConsentForm())


@bp.route("/consent", methods=["POST"])
@login_required
def consent() -> Any:
    form = ConsentForm()
    if not form.validate_on_submit():
        return _consent_page(form)
    give_consent(current_user)
    flash(_("Thank you for taking part. You can withdraw at any time on this page."), "success")
    return redirect(url_for(".consent_page"))


@bp.route("/withdraw", methods=["POST"])
@login_required
def withdraw() -> Any:
    form = FlaskForm()
    if not form.validate_on_submit():
        return _consent_page(ConsentForm())
    withdraw_consent(current_user.id)
    flash(_("You no longer take part. What was recorded about you has been deleted."), "info")
    return redirect(url_for(".consent_page"))


@bp.route("/results")
@role_required("host")
def results() -> str:
    functions = functions_in_use()
    people = participants(functions)
    min_n = settings()["research"]["min_group_size"]
    columns, scores = questionnaire_scores(p.user_id for p in people)
    return render_template(
        "research/results.html", people=people, min_n=min_n, window=window_days(), categories=CATEGORIES,
        labels={f: function_label(f) for f in functions}, columns=dict(columns),
        table=distribution(people, functions),
        correlations=correlations(people, functions, [c for c, _label in columns], scores, min_n),
    )
