"""Forms: a member's report, and the moderators' decisions."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from forum.core.api import Item, item_texts

from .outreach import OUTCOME_LABELS
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


# --- outreach ------------------------------------------------------------------------------------

CHECK_IN_MAX = 4000
TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"


class ClaimForm(FlaskForm):
    """Claim an entry: no fields, only the CSRF token."""


def _check_in_text(label: str) -> TextAreaField:
    return TextAreaField(label, validators=[
        DataRequired(_l("Write a message first.")),
        Length(max=CHECK_IN_MAX, message=_l("Keep the message under %(num)d characters.", num=CHECK_IN_MAX))])


class CheckInForm(FlaskForm):
    """A moderator writes to the member."""

    message = _check_in_text(_l("Write to the member privately"))


class ReplyForm(FlaskForm):
    """The member answers the moderators."""

    message = _check_in_text(_l("Your answer"))


class ResolveForm(FlaskForm):
    outcome = RadioField(
        _l("How did it end?"),
        choices=[SelectChoice(value, label) for value, label in OUTCOME_LABELS.items()],
        validators=[InputRequired(_l("Choose how it ended."))],
    )
    note = _note()


class DutyForm(FlaskForm):
    email = StringField(_l("E-mail address for urgent alerts"), validators=[
        Optional(), Length(max=254), Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l(
            "Enter an e-mail address such as name@example.org."))],
        description=_l("Leave it empty to get no e-mail."))
    starts = StringField(_l("On duty from (HH:MM)"), validators=[
        DataRequired(_l("Enter a time such as 09:00.")),
        Regexp(TIME_PATTERN, message=_l("Enter a time such as 09:00."))])
    ends = StringField(_l("On duty until (HH:MM)"), validators=[
        DataRequired(_l("Enter a time such as 17:00.")),
        Regexp(TIME_PATTERN, message=_l("Enter a time such as 17:00."))],
        description=_l("The same time twice means around the clock; an end before the start runs past "
                       "midnight."))


def minutes(text: str) -> int:
    hours, mins = text.split(":")
    return int(hours) * 60 + int(mins)


def clock(value: int) -> str:
    return f"{value // 60:02d}:{value % 60:02d}"
