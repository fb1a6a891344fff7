"""Discussion pages: a board's topics, one topic, and starting or editing a topic."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select

from forum.core.api import (
    Board,
    Item,
    add_form_error,
    db,
    delete_item,
    finish_submission,
    form_page,
    get_own_or_404,
    get_visible_or_404,
    limiter,
    login_required,
    may_start_topic,
    paginate,
    prepare_items,
    reaction_policy,
    readable,
    record_use,
    submit,
    submit_new,
    viewer,
    visible_to,
    write_limit,
)

from .forms import TopicForm

bp = Blueprint("discussions", __name__)
TYPE = "discussion"


def topic_url(item: Item) -> str:
    return url_for("discussions.topic", item_id=item.id)


def _topics_query(board: Board) -> Any:
    return (
        select(Item)
        .where(Item.board_id == board.id, Item.type == TYPE, Item.parent_id.is_(None),
               visible_to(viewer()))
        .order_by(Item.last_activity_at.desc(), Item.id.desc())
    )


def reply_counts(items: list[Item]) -> dict[int, int]:
    """Visible replies per item, in one grouped query."""
    if not items:
        return {}
    rows = db.session.execute(
        select(Item.parent_id, func.count())
        .where(Item.parent_id.in_([i.id for i in items]), visible_to(viewer()))
        .group_by(Item.parent_id)
    )
    return dict(rows.all())


def _board_or_404(slug: str) -> Board:
    board = db.session.scalar(select(Board).where(Board.slug == slug))
    if board is None:
        abort(404)
    return board


@bp.route("/b/<slug>")
@readable
def board(slug: str) -> str:
    board = _board_or_404(slug)
    page = paginate(_topics_query(board), per_page=20)
    policy = reaction_policy(TYPE)
    return render_template("discussions/board.html", board=board, page=page,
                           counts=reply_counts(page.items) if policy and policy.comments else None,
                           may_start=may_start_topic(viewer(), board))


@bp.route("/b/<slug>/new", methods=["GET", "POST"])
@login_required
@limiter.limit(write_limit, methods=["POST"])
def new_topic(slug: str) -> Any:
    board = _board_or_404(slug)
    if not may_start_topic(viewer(), board):
        abort(403, _("This board is archived: you can read it, but not start topics.")
              if board.archived else
              _("Moderators start the topics on this board. You can reply to any topic."))
    form = TopicForm()
    if form.validate_on_submit():
        topic = Item(type=TYPE, author=current_user, board_id=board.id, visibility="community")
        submission = submit_new(topic, {"title": form.title.data, "body": form.body.data})
        if submission.saved:  # a second send of the same form gets the first send's topic
            record_use(current_user, TYPE, "write")
            return finish_submission(submission, topic_url(submission.item))
        add_form_error(form, submission.blocked_messages)
    return form_page("discussions/topic_form.html", form, board=board)


@bp.route("/t/<int:item_id>")
@readable
def topic(item_id: int) -> str:
    item = get_visible_or_404(item_id, viewer(), TYPE)
    if viewer() is not None and item.author_id != viewer().id:
        record_use(viewer(), TYPE, "read_others")
    prepare_items([item], viewer())
    return render_template("discussions/topic.html", topic=item)


@bp.route("/t/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
@limiter.limit(write_limit, methods=["POST"])
def edit_topic(item_id: int) -> Any:
    item = get_own_or_404(item_id, current_user, TYPE)
    form = TopicForm(obj=item)
    if form.validate_on_submit():
        submission = submit(item, {"title": form.title.data, "body": form.body.data}, is_new=False)
        if submission.saved:
            return finish_submission(submission, topic_url(item))
        add_form_error(form, submission.blocked_messages)
    return form_page("discussions/topic_form.html", form, board=item.board, editing=item)


@bp.route("/t/<int:item_id>/delete", methods=["POST"])
@login_required
def delete_topic(item_id: int) -> Any:
    item = get_own_or_404(item_id, current_user, TYPE)
    board_slug = item.board.slug if item.board else None
    form = FlaskForm()
    if not form.validate_on_submit():
        abort(400)
    delete_item(item, current_user)
    return redirect(url_for("discussions.board", slug=board_slug) if board_slug else url_for("forum.index"))
