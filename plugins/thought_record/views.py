"""Thought record pages: community feed, my records, one record, write and edit."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.core.api import (
    Item,
    add_form_error,
    finish_submission,
    form_page,
    forum_state,
    get_own_or_404,
    get_visible_or_404,
    limiter,
    list_page,
    login_required,
    members_only,
    prepare_items,
    public_only,
    record_usage,
    submit,
    viewer,
    visible_to,
    write_limit,
)

from . import CONTENT_TYPE
from .emotions import emotions_of
from .forms import ThoughtRecordForm

bp = Blueprint("thought_record", __name__, url_prefix="/thought-records")


bp.before_request(members_only)


@bp.before_request
def count_use() -> None:
    """Opening any of these pages counts as using the function (usage measurement)."""
    record_usage(viewer(), CONTENT_TYPE)


def _list(view: str, *conditions: Any) -> str:
    return render_template("thought_record/list.html", page=list_page(CONTENT_TYPE, *conditions),
                           view=view, endpoint=request.endpoint, emotions_of=emotions_of)


@bp.route("/")
def feed() -> str:
    return _list("community", public_only())


@bp.route("/mine")
@login_required
def mine() -> str:
    return _list("mine", Item.author_id == current_user.id, visible_to(current_user))


@bp.route("/<int:item_id>")
def entry(item_id: int) -> str:
    record = get_visible_or_404(item_id, viewer(), CONTENT_TYPE)
    prepare_items([record], viewer())
    return render_template("thought_record/entry.html", record=record, emotions=emotions_of(record))


@bp.route("/new", methods=["GET", "POST"])
@login_required
@limiter.limit(write_limit, methods=["POST"])
def new() -> Any:
    return _form_page(ThoughtRecordForm(), None)


@bp.route("/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
@limiter.limit(write_limit, methods=["POST"])
def edit(item_id: int) -> Any:
    record = get_own_or_404(item_id, current_user, CONTENT_TYPE)
    initial = ThoughtRecordForm.initial_data(record.data or {}, emotions_of(record), record.visibility)
    return _form_page(ThoughtRecordForm(data=initial if request.method == "GET" else None), record)


def _answer_hint() -> str:
    """Tell the member how others may answer, from the policy the community configured."""
    policy = forum_state().policies.get(CONTENT_TYPE)
    if policy and policy.comments:
        return _("Members can reply to a shared record in writing.")
    if policy and policy.reactions:
        return _("Members can answer a shared record with a reaction only, never with written comments.")
    return ""


def _form_page(form: ThoughtRecordForm, record: Item | None) -> Any:
    """The form; a valid post is screened and saved (a blocked text comes back with the reason)."""
    if form.validate_on_submit():
        item = record or Item(type=CONTENT_TYPE, author=current_user, data={})
        item.visibility = form.visibility.data
        item.data = {**item.data, "emotions": [e.as_data() for e in form.emotion_rows()]}
        submission = submit(item, form.texts(), is_new=record is None)
        if submission.saved:
            return finish_submission(submission, url_for(".entry", item_id=item.id))
        add_form_error(form, submission.blocked_messages)
    return form_page("thought_record/form.html", form, editing=record, answer_hint=_answer_hint())
