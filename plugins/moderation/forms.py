"""Forms: a member's report, and the moderators' decisions."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, RadioField, SelectChoice, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from forum.core.api import Item, item_texts

from .queue import REPORT_LABELS

NOTE_MAX = 1000
MESSAGE_MAX = 2000
REPORT_NOTE_MAX = 500
TEXT_MAX = 10_000


def _note() -> TextAreaField:
    return TextAreaField(
        _l("Note for the moderators (optional)"),
        validators=[Optional(), Length(max=NOTE_MAX, message=_l("Keep the note under %(num)d characters.",
                                                                num=NOTE_MAX))],
        description=_l("Kept in the audit log. The member does not see it."),
    )


def _message(required: bool) -> TextAreaField:
    first = DataRequired(_l("Tell the member why, kindly.")) if required else Optional()
    return TextAreaField(
        _l("Message to the member") if required else _l("Message to the member (optional)"),
        validators=[first, Length(max=MESSAGE_MAX, message=_l(
            "Keep the message under %(num)d characters.", num=MESSAGE_MAX))],
        description=_l("The member sees this with their post."),
    )


class ReportForm(FlaskForm):
    category = RadioField(
        _l("What is the matter with this post?"),
        choices=[SelectChoice(value, label) for value, label in REPORT_LABELS.items()],
        validators=[InputRequired(_l("Choose what is the matter."))],
    )
    note = TextAreaField(
        _l("Anything a moderator should know? (optional)"),
        validators=[Optional(), Length(max=REPORT_NOTE_MAX, message=_l(
            "Keep it under %(num)d characters.", num=REPORT_NOTE_MAX))],
    )


class NoteForm(FlaskForm):
    """Approve, mark reviewed, escalate: an optional note for the log."""

    note = _note()


class RejectForm(FlaskForm):
    message = _message(required=True)
    note = _note()


def edit_form(item: Item) -> FlaskForm:
    """A form with one text area per text field of ``item`` (title, body, exercise fields)."""
    labels = {"title": _l("Title"), "body": _l("Text")}

    class EditForm(FlaskForm):
        message = _message(required=False)
        note = _note()

    texts = {field: text for field, text in item_texts(item).items() if text or field == "body"}
    for field, text in texts.items():
        # A field that had text keeps some: to take a post down, reject it instead.
        first = DataRequired(_l("Keep some text here, or reject the post instead.")) if text else Optional()
        setattr(EditForm, f"text_{field}", TextAreaField(
            labels.get(field, field.replace("_", " ").capitalize()),
            validators=[first, Length(max=TEXT_MAX, message=_l("Keep it under %(num)d characters.",
                                                                 num=TEXT_MAX))]))
    form = EditForm(data={f"text_{f}": t for f, t in texts.items()})
    form.text_fields = [form[f"text_{field}"] for field in texts]  # type: ignore[attr-defined]
    return form


def edited_texts(form: Form) -> dict[str, str]:
    return {field.name.removeprefix("text_"): (field.data or "").strip()
            for field in form.text_fields}  # type: ignore[attr-defined]
