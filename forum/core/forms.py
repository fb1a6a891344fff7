"""Form helpers shared by core views and plugins."""

from __future__ import annotations

from typing import Any

from flask import flash, render_template, request
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup

from .extensions import db
from .idempotency import submit_new
from .models import Item
from .publishing import Submission, submit, write_refusal
from .state import hook


def form_page(template: str, form: FlaskForm, *, posting: bool = False, **context: Any) -> tuple[str, int]:
    """Render a form page; a submission with errors answers 422 with the messages in the form.
    ``posting``: a form that posts for others to read (see ``tell_write_refusal``)."""
    if posting:
        tell_write_refusal()
    status = 422 if form.errors else 200
    return render_template(template, form=form, **context), status


def tell_write_refusal() -> None:
    """On opening a posting form: a member who may not post now (silenced) is told why before
    writing, not only after sending (the text would be kept, but the effort is spent)."""
    member = current_user._get_current_object() if current_user.is_authenticated else None
    if request.method == "GET" and (refusal := write_refusal(member)):
        flash(refusal, "error")


def add_form_error(form: FlaskForm, messages: list[str]) -> None:
    """Show messages that concern the whole form (e.g. a blocked text) above its fields."""
    form.form_errors.extend(messages)


def compose_fields(content_type: str, item: Item | None = None) -> Markup:
    """What plugins add to the compose form of ``content_type`` (e.g. a content warning).

    ``item`` is the item edited; anything else (None, a template's undefined ``editing``) means new.
    """
    item = item if isinstance(item, Item) else None
    return Markup("").join(hook().forum_compose_fields(content_type=content_type, item=item))


def submit_form(form: FlaskForm, item: Item, texts: dict[str, str], *, is_new: bool) -> Submission | None:
    """``submit`` for a compose form: the plugins' extra fields are checked first and stored
    after the save. None (with the messages in ``form``) when nothing was saved."""
    errors = [e for found in hook().forum_compose_errors(content_type=item.type,
                                                          item=None if is_new else item)
              for e in found or ()]
    if errors:
        if not is_new:
            db.session.rollback()  # forget what the view copied into the item
        add_form_error(form, errors)
        return None
    # A new item is saved once per form key, however often the form is sent (``submit_new``).
    submission = submit_new(item, texts) if is_new else submit(item, texts, is_new=False)
    if not submission.saved:
        add_form_error(form, submission.blocked_messages)
        return None
    if submission.item is item:  # not a resend answered with the first send's item
        hook().forum_compose_saved(item=item)
    return submission
