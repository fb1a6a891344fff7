"""Discussion pages: a board's topics, one topic, and starting or editing a topic."""

from __future__ import annotations

from functools import cache
from types import SimpleNamespace
from typing import Any

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import joinedload
from sqlalchemy.sql.util import ClauseAdapter

from forum.core.api import (
    Board,
    Item,
    Page,
    User,
    db,
    delete_item,
    finish_submission,
    form_page,
    get_own_or_404,
    limiter,
    login_required,
    may_start_topic,
    page_number,
    prepare_items,
    reaction_policy,
    read_rows,
    readable,
    record_use,
    submit_form,
    viewer,
    viewer_kind,
    viewer_params,
    visible_to_any,
    write_limit,
)

from .forms import TopicForm

bp = Blueprint("discussions", __name__)
TYPE = "discussion"
SLOT = "9876543210"  # an id no URL otherwise contains


def topic_url(item: Item) -> str:
    return url_for("discussions.topic", item_id=item.id)


TOPICS = Item.__table__.alias("topic")  # the listing's rows; ``Item`` is each one's replies


class TopicRow:
    """A listed topic from a Core row: what the byline and the count need, no text, no ORM."""

    __slots__ = ("author", "author_id", "created_at", "id", "replies", "status", "title", "visibility")

    def __init__(self, row: Any) -> None:
        (self.id, self.title, self.author_id, self.status, self.visibility, self.created_at,
         username, role, self.replies) = row
        # What a byline reads of its author (name, role for the staff badge, id for plugins' badges).
        self.author = SimpleNamespace(id=self.author_id, username=username, role=role)


def _topic_conditions(kind: str) -> list[Any]:
    """A board's topics the viewer may see, on ``TOPICS`` (``visible_to`` moved onto the alias)."""
    return [TOPICS.c.board_id == bindparam("board_id"), TOPICS.c.parent_id.is_(None),
            TOPICS.c.type == TYPE, ClauseAdapter(TOPICS).traverse(visible_to_any(kind))]


@cache
def _listing_statements(kind: str) -> tuple[Any, Any]:
    """(count, page) for one kind of viewer, built once. Both follow ``ix_items_board_topics``:
    the page in ``last_activity_at`` order without sorting, the count from the index alone."""
    conditions = _topic_conditions(kind)
    replies = (select(func.count()).where(Item.parent_id == TOPICS.c.id, visible_to_any(kind))
               .correlate(TOPICS).scalar_subquery())
    count = select(func.count()).select_from(TOPICS).where(*conditions)
    page = (select(TOPICS.c.id, TOPICS.c.title, TOPICS.c.author_id, TOPICS.c.status, TOPICS.c.visibility,
                   TOPICS.c.created_at, User.username, User.role, replies)
            .join(User, User.id == TOPICS.c.author_id).where(*conditions)
            .order_by(TOPICS.c.last_activity_at.desc(), TOPICS.c.id.desc())
            .limit(bindparam("limit")).offset(bindparam("offset")))
    return count, page


def topics_page(board: Board, per_page: int = 20) -> Page:
    """One page of the board's topics with their visible reply counts: two statements."""
    member = viewer()
    number = page_number()
    count, page = _listing_statements(viewer_kind(member))
    params = {"board_id": board.id, **viewer_params(member)}
    total = read_rows(count, params).scalar() or 0
    rows = read_rows(page, {**params, "limit": per_page, "offset": (number - 1) * per_page})
    listed = Page([TopicRow(row) for row in rows], number, per_page, total)
    if number > listed.pages:
        abort(404)
    return listed


def _board_or_404(slug: str) -> Board:
    board = db.session.scalar(select(Board).where(Board.slug == slug))
    if board is None:
        abort(404)
    return board


@bp.route("/b/<slug>")
@readable
def board(slug: str) -> str:
    board = _board_or_404(slug)
    page = topics_page(board)
    policy = reaction_policy(TYPE)
    pattern = url_for("discussions.topic", item_id=int(SLOT))  # url_for costs ~50 µs: once a page
    return render_template("discussions/board.html", board=board, page=page,
                           counts={topic.id: topic.replies for topic in page.items}
                           if policy and policy.comments else None,
                           urls={topic.id: pattern.replace(SLOT, str(topic.id)) for topic in page.items},
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
        submission = submit_form(form, topic, {"title": form.title.data, "body": form.body.data},
                                 is_new=True)
        if submission is not None:  # a second send of the same form gets the first send's topic
            record_use(current_user, TYPE, "write")
            return finish_submission(submission, topic_url(submission.item))
    return form_page("discussions/topic_form.html", form, posting=True, board=board)


@bp.route("/t/<int:item_id>")
@readable
def topic(item_id: int) -> str:
    item = db.session.scalar(_topic_statement(viewer_kind(viewer())),
                             {"item_id": item_id, **viewer_params(viewer())})
    if item is None:
        abort(404)
    if viewer() is not None and item.author_id != viewer().id:
        record_use(viewer(), TYPE, "read_others")
    prepare_items([item], viewer())
    return render_template("discussions/topic.html", topic=item)


@cache
def _topic_statement(kind: str) -> Any:
    """Built once per kind of viewer (see ``visible_to_any``), with its board."""
    return select(Item).options(joinedload(Item.board)).where(
        Item.id == bindparam("item_id"), Item.type == TYPE, visible_to_any(kind))


@bp.route("/t/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
@limiter.limit(write_limit, methods=["POST"])
def edit_topic(item_id: int) -> Any:
    item = get_own_or_404(item_id, current_user, TYPE)
    form = TopicForm(obj=item)
    if form.validate_on_submit():
        submission = submit_form(form, item, {"title": form.title.data, "body": form.body.data},
                                 is_new=False)
        if submission is not None:
            return finish_submission(submission, topic_url(item))
    return form_page("discussions/topic_form.html", form, posting=True, board=item.board, editing=item)


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
