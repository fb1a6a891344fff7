"""The U2Friend profile form. Every field is optional: the pseudonym alone is a profile.

Subjective recovery is a 0-10 self-rating ("0 = I am just starting", "10 = I feel fully
recovered"): one number is quick to give and easy for others to read, and the member chooses
what it means for them. It is a feeling shared with peers, not a clinical measure.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, Length

STORY_MAX = 2000
MESSAGE_MAX = 500
RECOVERY_LEVELS = tuple(str(level) for level in range(11))

SEXES = {
    "female": _l("Female"),
    "male": _l("Male"),
    "other": _l("Other"),
    "prefer_not_to_say": _l("Prefer not to say"),
}
AGE_GROUPS = {
    "teens": _l("Teens"),
    "20s": _l("20s"),
    "30s": _l("30s"),
    "40s": _l("40s"),
    "50s": _l("50s"),
    "60_plus": _l("60 or over"),
    "prefer_not_to_say": _l("Prefer not to say"),
}
NOT_ANSWERED = SelectChoice("", _l("Not answered"))


def _choice_field(label: object, options: dict[str, object], message: object) -> SelectField:
    choices = [NOT_ANSWERED, *(SelectChoice(key, text) for key, text in options.items())]
    return SelectField(label, choices=choices, default="", validate_choice=False,
                       validators=[AnyOf(["", *options], message=message)])


def _recovery_choices() -> list[SelectChoice]:
    named = {"0": _l("0 — just starting"), "10": _l("10 — I feel fully recovered")}
    return [NOT_ANSWERED, *(SelectChoice(level, named.get(level, level)) for level in RECOVERY_LEVELS)]


class ProfileForm(FlaskForm):
    sex = _choice_field(_l("Sex"), SEXES, _l("Choose one of the options for sex."))
    age_group = _choice_field(_l("Age group"), AGE_GROUPS, _l("Choose one of the age groups."))
    recovery = SelectField(
        _l("How recovered do you feel? (0 to 10)"),
        choices=_recovery_choices(),
        default="",
        validate_choice=False,
        validators=[AnyOf(["", *RECOVERY_LEVELS], message=_l("Choose a number from 0 to 10."))],
        description=_l("Your own feeling, from 0 (just starting) to 10 (fully recovered)."),
    )
    story = TextAreaField(
        _l("My experience"),
        validators=[Length(max=STORY_MAX, message=_l("Keep your story under %(num)d characters.",
                                                      num=STORY_MAX))],
        description=_l("A short story of what you have been through and what has helped."),
    )
    message = TextAreaField(
        _l("A message to others"),
        validators=[Length(max=MESSAGE_MAX, message=_l("Keep your message under %(num)d characters.",
                                                        num=MESSAGE_MAX))],
    )


def sex_label(key: str) -> str:
    return str(SEXES.get(key, ""))


def age_group_label(key: str) -> str:
    return str(AGE_GROUPS.get(key, ""))
