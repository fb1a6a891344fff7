"""The formulation form: one short text per part of the cycle, and the share choice."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, TextAreaField
from wtforms.validators import DataRequired, Length

TEXT_MAX = 500
# Field names are the keys in item.data ("body" is the core's Markdown field, so "sensations").
PARTS = ("situation", "thoughts", "feelings", "sensations", "behaviour")


def strip_ends(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def part(label: Any, required: Any, hint: Any) -> TextAreaField:
    return TextAreaField(label, filters=[strip_ends], description=hint, render_kw={"rows": 3},
                         validators=[DataRequired(required),
                                     Length(max=TEXT_MAX, message=_l("Keep this under %(num)d characters.",
                                                                     num=TEXT_MAX))])


class FormulationForm(FlaskForm):
    situation = part(_l("Situation"), _l("Describe the situation."),
                     _l("What happened, or what were you facing?"))
    thoughts = part(_l("Thoughts"), _l("Write the thoughts that went through your mind."),
                    _l("What went through your mind?"))
    feelings = part(_l("Feelings"), _l("Write how you felt."), _l("Which emotions did you feel?"))
    sensations = part(_l("Body"), _l("Write what you noticed in your body."),
                      _l("What did you notice in your body (heart racing, tense shoulders, tiredness)?"))
    behaviour = part(_l("Behaviour"), _l("Write what you did."),
                     _l("What did you do, or not do? How did it feed back into your thoughts?"))
    visibility = RadioField(
        _l("Who can see this formulation?"), default="private",
        choices=[SelectChoice("private", _l("Only me")),
                 SelectChoice("community", _l("Share it with the community"))])

    def texts(self) -> dict[str, str]:
        return {name: self[name].data or "" for name in PARTS}
