"""The consent page (every member) and the research results page (hosts only)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select

from forum.core.api import db, hook, login_required, role_required

from . import stats
from .analysis import (
    characteristics,
    comparisons,
    function_definition,
    function_label,
    functions_in_use,
    length_of_use,
    min_group_size,
    outcomes,
    participants,
    research_settings,
    table1,
    table2,
    table3,
)
from .forms import AboutYouForm, ConsentForm, about_you_data
from .frequency import CATEGORIES, FREQUENCIES, LENGTHS
from .models import ResearchConsent, ResearchProfile, UsageEvent
from .recording import give_consent, withdraw_consent

bp = Blueprint("research", __name__, url_prefix="/research")


def _consent_page(form: FlaskForm, about: AboutYouForm | None = None) -> tuple[str, int]:
    consent = db.session.get(ResearchConsent, current_user.id)
    days = db.session.scalar(select(func.count()).select_from(UsageEvent)
                             .where(UsageEvent.user_id == current_user.id)) if consent else 0
    if about is None:
        profile = db.session.get(ResearchProfile, current_user.id)
        about = AboutYouForm(obj=profile) if profile else AboutYouForm()
    table = research_settings()
    status = 422 if form.errors or about.errors else 200
    return render_template(
        "research/consent.html", form=form, about=about, consent=consent, recorded=days,
        functions=[function_label(f) for f in functions_in_use()],
        definitions=[(function_label(f), function_definition(f)) for f in functions_in_use()],
        window=table["window_days"],
        least=table["min_observed_days"], min_n=table["min_group_size"], frequencies=FREQUENCIES,
        with_scores=any(hook().research_outcome_columns()), withdraw_form=FlaskForm(),
    ), status


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


@bp.route("/about", methods=["POST"])
@login_required
def about_you() -> Any:
    if db.session.get(ResearchConsent, current_user.id) is None:
        flash(_("Take part first: these questions are only for members who take part."), "error")
        return redirect(url_for(".consent_page"))
    form = AboutYouForm()
    if not form.validate_on_submit():
        return _consent_page(ConsentForm(formdata=None), form)
    profile = db.session.get(ResearchProfile, current_user.id) or ResearchProfile(user_id=current_user.id)
    for name, value in about_you_data(form).items():
        setattr(profile, name, value)
    db.session.add(profile)
    db.session.commit()
    flash(_("Saved. Thank you."), "success")
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
    min_n = min_group_size()
    context: dict[str, Any] = {"people": people, "min_n": min_n, "window": research_settings()["window_days"],
                               "least": research_settings()["min_observed_days"]}
    if len(people) < min_n:
        return render_template("research/results.html", **context)
    found = outcomes(p.user_id for p in people)
    context.update(
        categories=CATEGORIES, lengths=LENGTHS, labels={f: function_label(f) for f in functions},
        table1=table1(people, functions, min_n), length=length_of_use(people, min_n),
        characteristics=characteristics(people, min_n), columns=found.outcome_columns,
    )
    try:
        stats.require()
        context.update(table2=table2(people, functions, found, min_n),
                       table3=table3(people, functions, found, min_n),
                       comparisons=comparisons(people, functions, found, min_n))
    except stats.StatsUnavailable as error:
        context.update(missing_stats=str(error))
    return render_template("research/results.html", **context)
