"""The note form: one text and who may see it."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length

TEXT_MAX = 1000
VISIBILITY_CHOICES = [
    SelectChoice("private", _l("Only me (private)")),
    SelectChoice("community", _l("Share with the community")),
]


class NoteForm(FlaskForm):
    text = TextAreaField(
        _l("Note"),
        validators=[DataRequired(_l("Write the note.")),
                    Length(max=TEXT_MAX, message=_l("Keep it under %(num)d characters.", num=TEXT_MAX))],
    )
    visibility = RadioField(
        _l("Who can see this note?"),
        choices=VISIBILITY_CHOICES,
        default="private",
        validators=[AnyOf([choice.value for choice in VISIBILITY_CHOICES],
                          message=_l("Choose who can see this note."))],
        validate_choice=False,
    )
