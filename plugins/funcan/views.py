"""FunCan pages: the community feed, my entries, one entry, and the entry form."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, render_template, url_for
from flask_login import current_user

from forum.core.api import (
    Item,
    add_form_error,
    finish_submission,
    form_page,
    get_own_or_404,
    get_visible_or_404,
    limiter,
    list_page,
    login_required,
    prepare_items,
    public_only,
    record_usage,
    submit,
    visible_to,
    write_limit,
)

from .forms import FunCanForm, category_label

bp = Blueprint("funcan", __name__, url_prefix="/funcan")
TYPE = "funcan"


@bp.context_processor
def entry_helpers() -> dict[str, Any]:
    return {"category_label": category_label, "entry_day": _entry_day}


def entry_url(item: Item) -> str:
    return url_for("funcan.entry", item_id=item.id)


@bp.route("/")
@login_required
def feed() -> str:
    """Entries members chose to share, newest first."""
    return render_template("funcan/list.html", page=list_page(TYPE, public_only()), mine=False)


@bp.route("/mine")
@login_required
def mine() -> str:
    """All of the member's own entries: private, shared, waiting for review."""
    page = list_page(TYPE, Item.author_id == current_user.id, visible_to(current_user))
    return render_template("funcan/list.html", page=page, mine=True)


@bp.route("/<int:item_id>")
@login_required
def entry(item_id: int) -> str:
    item = get_visible_or_404(item_id, current_user, TYPE)
    prepare_items([item], current_user)
    return render_template("funcan/entry.html", item=item)


@bp.route("/new", methods=["GET", "POST"])
@login_required
@limiter.limit(write_limit, methods=["POST"])
def new() -> Any:
    return _form_page(FunCanForm(), None)


@bp.route("/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
@limiter.limit(write_limit, methods=["POST"])
def edit(item_id: int) -> Any:
    existing = get_own_or_404(item_id, current_user, TYPE)
    form = FunCanForm(data={"text": existing.body, "category": existing.data.get("category", ""),
                            "day": _entry_day(existing)})
    del form.visibility  # sharing has its own buttons on the entry page
    return _form_page(form, existing)


def _form_page(form: FunCanForm, existing: Item | None) -> Any:
    """The form; a valid post is screened and saved (a blocked text comes back with the reason)."""
    if form.validate_on_submit():
        item = existing or Item(type=TYPE, author=current_user, visibility=form.visibility.data)
        # Category and date are choices, not member text: set them before the text is screened.
        item.data = {**(item.data or {}), "category": form.category.data or "",
                     "day": form.day.data.isoformat()}
        submission = submit(item, {"body": form.text.data.strip()}, is_new=existing is None)
        if submission.saved:
            record_usage(current_user, "funcan")
            return finish_submission(submission, entry_url(item))
        add_form_error(form, submission.blocked_messages)
    return form_page("funcan/form.html", form, editing=existing)


def _entry_day(item: Item) -> date:
    try:
        return date.fromisoformat(item.data.get("day", ""))
    except ValueError:
        return item.created_at.date()
