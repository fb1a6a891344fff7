"""Consent, and the optional questions a participant may answer about themselves."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from .questions import NOT_SAID, PROFILE_QUESTIONS


class ConsentForm(FlaskForm):
    agree = BooleanField(
        _l("I have read this page and I agree to take part."),
        validators=[DataRequired(_l("Tick the box to take part, or simply leave this page."))],
    )


class AboutYouForm(FlaskForm):
    """Every question may be left at "Not said"; an unknown value is refused by the choices."""


for _question in PROFILE_QUESTIONS:
    setattr(
        AboutYouForm,
        _question.field,
        SelectField(
            _question.label,
            choices=[SelectChoice("", NOT_SAID), *(SelectChoice(v, t) for v, t in _question.choices)],
            default="",
            validate_choice=True,
        ),
    )


def about_you_data(form: AboutYouForm) -> dict[str, Any]:
    return {q.field: form[q.field].data or "" for q in PROFILE_QUESTIONS}
