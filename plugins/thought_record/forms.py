"""The thought record form: five columns, a fixed number of emotion rows (no JavaScript needed)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError
from wtforms.widgets import NumberInput

from .emotions import NAMES_FIELD, Emotion, names_text, parse_intensity

EMOTION_ROWS = 5
NAME_MAX = 40
TEXT_MAX = 2000
TEXT_FIELDS = ("situation", "automatic_thoughts", "evidence_for", "evidence_against", "balanced_thought")


def strip(value: str | None) -> str | None:
    # Collapse inner runs of spaces too: an emotion name is one short line.
    return " ".join(value.split()) if isinstance(value, str) else value


def strip_ends(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def text_length() -> Length:
    return Length(max=TEXT_MAX, message=_l("Keep this under %(num)d characters.", num=TEXT_MAX))


class IntensityField(StringField):
    """0-100, kept as the typed text so a wrong value stays in the form for correcting."""

    widget = NumberInput(step=1, min=0, max=100)

    def pre_validate(self, form: Any) -> None:
        if self.data and parse_intensity(self.data) is None:
            raise ValidationError(_("Use a whole number from 0 to 100."))


class EmotionRow(Form):
    name = StringField(_l("Name"), filters=[strip],
                       validators=[Length(max=NAME_MAX, message=_l("Keep the name under %(num)d characters.",
                                                                   num=NAME_MAX))],
                       render_kw={"list": "emotion-suggestions", "autocomplete": "off"})
    before = IntensityField(_l("How strong (0-100)"), filters=[strip])
    after = IntensityField(_l("How strong now (0-100)"), filters=[strip])

    def is_blank(self) -> bool:
        return not (self.name.data or self.before.data or self.after.data)

    def validate(self, extra_validators: Any = None) -> bool:
        super().validate(extra_validators)
        if not self.is_blank():
            self._require(self.name, _("Name this emotion, or clear its ratings."))
            self._require(self.before, _("Rate how strong it was, from 0 to 100."))
            self._require(self.after, _("Rate it again now, from 0 to 100."))
        return not self.errors

    @staticmethod
    def _require(field: StringField, message: str) -> None:
        if not field.data and not field.errors:
            field.errors.append(message)

    def emotion(self) -> Emotion:
        return Emotion(self.name.data, parse_intensity(self.before.data) or 0,
                       parse_intensity(self.after.data) or 0)


class ThoughtRecordForm(FlaskForm):
    situation = TextAreaField(
        _l("1. Situation"), filters=[strip_ends],
        validators=[DataRequired(_l("Describe the situation.")), text_length()],
        description=_l("Where were you, who was there, what happened?"))
    emotions = FieldList(FormField(EmotionRow), _l("2. Emotions"), min_entries=EMOTION_ROWS,
                         max_entries=EMOTION_ROWS)
    automatic_thoughts = TextAreaField(
        _l("3. Automatic thoughts"), filters=[strip_ends],
        validators=[DataRequired(_l("Write down the thoughts that went through your mind.")),
                    text_length()],
        description=_l("What went through your mind? Which thought upset you most?"))
    evidence_for = TextAreaField(
        _l("Evidence for the thought"), filters=[strip_ends], validators=[text_length()],
        description=_l("Facts that support the thought (optional)."))
    evidence_against = TextAreaField(
        _l("Evidence against the thought"), filters=[strip_ends], validators=[text_length()],
        description=_l("Facts that do not fit the thought (optional)."))
    balanced_thought = TextAreaField(
        _l("4. Balanced thought"), filters=[strip_ends],
        validators=[DataRequired(_l("Write a balanced or alternative thought.")), text_length()],
        description=_l("What would you say to a friend in the same situation?"))
    visibility = RadioField(
        _l("Who can see this record?"), default="private",
        choices=[SelectChoice("private", _l("Only me")),
                 SelectChoice("community", _l("Share it with the community"))])

    def validate_emotions(self, field: FieldList) -> None:
        if not self.emotion_rows():
            raise ValidationError(_("Name at least one emotion and rate it."))

    def filled_rows(self) -> list[EmotionRow]:
        return [entry.form for entry in self.emotions if not entry.form.is_blank()]

    def emotion_rows(self) -> list[Emotion]:
        return [row.emotion() for row in self.filled_rows()]

    def texts(self) -> dict[str, str]:
        """Every text field for screening, the emotion names as one field."""
        texts = {name: self[name].data or "" for name in TEXT_FIELDS}
        texts[NAMES_FIELD] = names_text(self.emotion_rows())
        return texts

    @staticmethod
    def initial_data(item_data: dict[str, Any], emotions: list[Emotion], visibility: str) -> dict[str, Any]:
        rows = [{"name": e.name, "before": str(e.before), "after": str(e.after)} for e in emotions]
        return {**{name: item_data.get(name, "") for name in TEXT_FIELDS},
                "emotions": rows, "visibility": visibility}
