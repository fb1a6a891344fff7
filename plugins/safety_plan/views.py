"""The member's own plan: one page to read and change it."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length

from forum.core.api import form_page, limiter, login_required, viewer, write_limit

from . import plans

bp = Blueprint("safety_plan", __name__)


def _plan_form() -> type[FlaskForm]:
    """One text area per part of the plan, in the order of ``plans.PARTS``."""
    too_long = _l("Keep this part under %(num)d characters.", num=plans.MAX_LENGTH)
    fields = {key: TextAreaField(heading, description=prompt,
                                 validators=[Length(max=plans.MAX_LENGTH, message=too_long)])
              for key, heading, prompt in plans.PARTS}
    return type("PlanForm", (FlaskForm,), fields)


PlanForm = _plan_form()


@bp.route("/me/safety-plan", methods=["GET", "POST"])
@login_required
@limiter.limit(write_limit, methods=["POST"])
def edit() -> Any:
    plan = plans.plan_of(viewer())
    form = PlanForm(data=dict(plan.parts) if plan and request.method == "GET" else None)
    if form.validate_on_submit():
        saved = plans.save_plan(current_user, {key: getattr(form, key).data for key in plans.KEYS})
        flash(_("Your safety plan is saved. Only you can see it.") if saved else
              _("Your safety plan is empty, so there is none now."), "success")
        return redirect(url_for(".edit"))
    return form_page("safety_plan/edit.html", form, plan=plan, parts=plans.PARTS)
