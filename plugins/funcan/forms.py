"""The FunCan entry form: a short text, an optional category, a date, and who may see it."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, ValidationError

TEXT_MAX = 500
# An entry is about something recent; a year back covers "last spring" without inviting typos
# like 1924. One day ahead allows for members whose day has already started (time zones).
OLDEST_DAYS = 366
NEWEST_DAYS = 1

CATEGORIES = {
    "self_care": _l("Self-care"),
    "activity": _l("Being active"),
    "social": _l("Time with others"),
    "work_study": _l("Work or study"),
    "nature": _l("Nature"),
    "creative": _l("Creative"),
    "other": _l("Other"),
}

VISIBILITY_CHOICES = [
    SelectChoice("private", _l("Only me (private)")),
    SelectChoice("community", _l("Share with the community")),
]


def category_label(key: str) -> str:
    return str(CATEGORIES.get(key, ""))


class FunCanForm(FlaskForm):
    text = TextAreaField(
        _l("What did you achieve or enjoy?"),
        validators=[DataRequired(_l("Write a few words about it.")),
                    Length(max=TEXT_MAX, message=_l("Keep it under %(num)d characters.", num=TEXT_MAX))],
        description=_l("Small things count: a walk, a meal you cooked, a message you sent."),
    )
    category = SelectField(
        _l("Category (optional)"),
        default="",
        choices=[SelectChoice("", _l("No category")),
                 *(SelectChoice(key, label) for key, label in CATEGORIES.items())],
        validators=[AnyOf(["", *CATEGORIES], message=_l("Choose one of the categories."))],
        validate_choice=False,
    )
    day = DateField(
        _l("Date"),
        default=date.today,
        validators=[InputRequired(_l("Enter the date, for example 2024-05-01."))],
    )
    visibility = RadioField(
        _l("Who can see this entry?"),
        choices=VISIBILITY_CHOICES,
        default="private",
        validators=[AnyOf([choice.value for choice in VISIBILITY_CHOICES],
                          message=_l("Choose who can see this entry."))],
        validate_choice=False,
        description=_l("Private entries are seen by you alone. You can share or unshare later."),
    )

    def validate_day(self, field: DateField) -> None:
        if field.data is None:
            return  # not a date at all: the field already says so
        today = date.today()
        if field.data > today + timedelta(days=NEWEST_DAYS):
            raise ValidationError(_l("The date can't be in the future."))
        if field.data < today - timedelta(days=OLDEST_DAYS):
            raise ValidationError(_l("Choose a date within the last year."))
