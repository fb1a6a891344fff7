"""Form helpers shared by core views and plugins."""

from __future__ import annotations

from typing import Any

from flask import render_template
from flask_wtf import FlaskForm


def form_page(template: str, form: FlaskForm, **context: Any) -> tuple[str, int]:
    """Render a form page; a submission with errors answers 422 with the messages in the form."""
    status = 422 if form.errors else 200
    return render_template(template, form=form, **context), status


def add_form_error(form: FlaskForm, messages: list[str]) -> None:
    """Show messages that concern the whole form (e.g. a blocked text) above its fields."""
    form.form_errors.extend(messages)
