"""The answer form, built from an instrument: one radio group per item."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import Field, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation

from .instruments import Instrument, Question, wording


def field_name(question: Question) -> str:
    return f"q_{question.id}"


def _whole_number(value: Any) -> int | None:
    """Radio values arrive as text; anything that is not a whole number counts as no answer."""
    if isinstance(value, int):
        return value
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _answer_check(question: Question, allowed: set[int]) -> Callable[[FlaskForm, Field], None]:
    def check(_form: FlaskForm, field: Field) -> None:
        if field.data is None:
            if question.optional:
                raise StopValidation()
            raise StopValidation(_("Please choose an answer to question %(number)d.", number=question.number))
        if field.data not in allowed:
            raise StopValidation(_("Please choose one of the answers shown."))

    return check


def answer_form(instrument: Instrument, language: str) -> FlaskForm:
    """A form class made for this instrument, instantiated with the request's data."""
    choices = [SelectChoice(str(option.value), wording(option.text, language))
               for option in instrument.options]
    allowed = {option.value for option in instrument.options}
    fields = {
        field_name(question): RadioField(
            f"{question.number}. {wording(question.text, language)}",
            choices=choices,
            coerce=_whole_number,
            validate_choice=False,  # _answer_check says what is wrong in words members understand
            validators=[_answer_check(question, allowed)],
        )
        for question in instrument.items
    }
    form_class = type(f"{instrument.id.title()}AnswerForm", (FlaskForm,), fields)
    return form_class()


def answers_from(form: FlaskForm, instrument: Instrument) -> dict[str, int | None]:
    return {question.id: form[field_name(question)].data for question in instrument.items}
