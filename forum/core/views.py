"""Core pages: boards, discussions (topics), member pages, psychoeducation pages, help."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from .auth import login_required, safe_next
from .content import render_markdown
from .extensions import db, limiter
from .forms import add_form_error, form_page
from .listing import members_only
from .models import VISIBILITIES, Board, Item, User, username_key
from .pagination import paginate
from .publishing import (
    delete_item,
    finish_submission,
    item_texts,
    item_url,
    prepare_items,
    record_usage,
    submit,
)
from .state import hook, settings
from .visibility import get_own_or_404, get_visible_or_404, visible_to

bp = Blueprint("forum", __name__)

TITLE_MAX = 150
BODY_MAX = 10_000


def viewer() -> User | None:
    """The signed-in member as a real User (not flask-login's proxy), or None."""
    if "forum_viewer" not in g:
        g.forum_viewer = current_user._get_current_object() if current_user.is_authenticated else None
    return g.forum_viewer


def readable(view: Callable[..., Any]) -> Callable[..., Any]:
    """Community pages are for members unless the host sets ``public_read``."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        return members_only() or view(*args, **kwargs)

    return wrapped


def flatten(answers: list[list[Any] | None]) -> list[Any]:
    """One list from a hook's per-plugin lists."""
    return [entry for answer in answers for entry in answer or ()]


def write_limit() -> str:
    return settings()["limits"]["write"]


class TopicForm(FlaskForm):
    title = StringField(
        _l("Title"),
        validators=[DataRequired(_l("Give your topic a title.")),
                    Length(max=TITLE_MAX, message=_l("Keep the title under %(num)d characters.",
                                                     num=TITLE_MAX))],
    )
    body = TextAreaField(
        _l("Message"),
        validators=[DataRequired(_l("Write a message.")),
                    Length(max=BODY_MAX, message=_l("Keep the message under %(num)d characters.",
                                                    num=BODY_MAX))],
        description=_l("You can use *emphasis*, lists, > quotes and links."),
    )


def _topics_query(board: Board) -> Any:
    return (
        select(Item)
        .where(Item.board_id == board.id, Item.type == "discussion", Item.parent_id.is_(None),
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


@bp.route("/")
def index() -> str:
    boards = list(db.session.scalars(select(Board).order_by(Board.position, Board.title)))
    sections = flatten(hook().forum_home_sections(viewer=viewer())) if viewer() else []
    return render_template("forum/index.html", boards=boards, sections=sections)


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
    return render_template("forum/board.html", board=board, page=page,
                           counts=reply_counts(page.items))


@bp.route("/b/<slug>/new", methods=["GET", "POST"])
@login_required
@limiter.limit(write_limit, methods=["POST"])
def new_topic(slug: str) -> Any:
    board = _board_or_404(slug)
    form = TopicForm()
    if form.validate_on_submit():
        topic = Item(type="discussion", author=current_user, board_id=board.id, visibility="community")
        submission = submit(topic, {"title": form.title.data, "body": form.body.data}, is_new=True)
        if submission.saved:
            record_usage(current_user, "discussions")
            return finish_submission(submission, url_for("forum.topic", item_id=topic.id))
        add_form_error(form, submission.blocked_messages)
    return form_page("forum/topic_form.html", form, board=board)


@bp.route("/t/<int:item_id>")
@readable
def topic(item_id: int) -> str:
    item = get_visible_or_404(item_id, viewer(), "discussion")
    prepare_items([item], viewer())
    return render_template("forum/topic.html", topic=item)


@bp.route("/t/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
@limiter.limit(write_limit, methods=["POST"])
def edit_topic(item_id: int) -> Any:
    item = get_own_or_404(item_id, current_user, "discussion")
    form = TopicForm(obj=item)
    if form.validate_on_submit():
        submission = submit(item, {"title": form.title.data, "body": form.body.data}, is_new=False)
        if submission.saved:
            return finish_submission(submission, url_for("forum.topic", item_id=item.id))
        add_form_error(form, submission.blocked_messages)
    return form_page("forum/topic_form.html", form, board=item.board, editing=item)


@bp.route("/t/<int:item_id>/delete", methods=["POST"])
@login_required
def delete_topic(item_id: int) -> Any:
    item = get_own_or_404(item_id, current_user, "discussion")
    board_slug = item.board.slug if item.board else None
    form = FlaskForm()
    if not form.validate_on_submit():
        abort(400)
    delete_item(item, current_user)
    return redirect(url_for("forum.board", slug=board_slug) if board_slug else url_for("forum.index"))


@bp.route("/u/<username>")
@readable
def profile(username: str) -> str:
    user = db.session.scalar(select(User).where(User.username_key == username_key(username)))
    if user is None:
        abort(404)
    topics = list(db.session.scalars(
        select(Item).where(Item.author_id == user.id, Item.type == "discussion",
                           visible_to(viewer())).order_by(Item.created_at.desc()).limit(10)
    ))
    sections = flatten(hook().forum_profile_sections(user=user, viewer=viewer()))
    if viewer() and viewer() is not user:
        record_usage(viewer(), "read_profiles")
    return render_template("forum/profile.html", member=user, topics=topics, sections=sections)


def _content_dir() -> Path | None:
    folder = settings()["community"]["content_dir"]
    return Path(current_app.config["FORUM_CONFIG_DIR"], folder) if folder else None


_page_cache: dict[Path, tuple[float, str, str]] = {}


def load_page(path: Path) -> tuple[str, str]:
    """(title, html) of a psychoeducation page; rendered once per file change, not per request."""
    mtime = path.stat().st_mtime
    cached = _page_cache.get(path)
    if cached is None or cached[0] != mtime:
        text = path.read_text(encoding="utf-8")
        first = text.lstrip().splitlines()[0] if text.strip() else path.stem
        title = first.lstrip("# ").strip() if first.startswith("#") else path.stem
        body = text.split("\n", 1)[1] if first.startswith("#") and "\n" in text else text
        cached = (mtime, title, render_markdown(body))
        _page_cache[path] = cached
    return cached[1], cached[2]


def list_pages() -> list[tuple[str, str]]:
    folder = _content_dir()
    if folder is None or not folder.is_dir():
        return []
    return [(path.stem, load_page(path)[0]) for path in sorted(folder.glob("*.md"))]


@bp.route("/learn")
def pages() -> str:
    return render_template("forum/pages.html", pages=list_pages())


@bp.route("/learn/<slug>")
def page(slug: str) -> str:
    folder = _content_dir()
    if folder is None or not slug.replace("-", "").replace("_", "").isalnum():
        abort(404)
    path = folder / f"{slug}.md"
    if not path.is_file():
        abort(404)
    title, html = load_page(path)
    return render_template("forum/page.html", title=title, html=html)


@bp.route("/help")
def help_now() -> str:
    community = settings()["community"]
    return render_template("forum/help.html", message=community["crisis_message"],
                           resources=community["crisis_resources"])




@bp.route("/items/<int:item_id>/visibility", methods=["POST"])
@login_required
@limiter.limit(write_limit)
def set_visibility(item_id: int) -> Any:
    """Share an entry with the community, or make it private again (its author only)."""
    item = get_own_or_404(item_id, current_user)
    visibility = request.form.get("visibility")
    if visibility not in VISIBILITIES:
        abort(400)
    item.visibility = visibility
    # Sharing screens the text again: what was fine in private may need review in public.
    submission = submit(item, item_texts(item), is_new=False)
    if not submission.saved:
        flash(" ".join(submission.blocked_messages), "error")
        return redirect(_next_url(item))
    return finish_submission(submission, _next_url(item))


@bp.route("/items/<int:item_id>/delete", methods=["POST"])
@login_required
def delete_own_item(item_id: int) -> Any:
    """Delete one of your own items of any type."""
    item = get_own_or_404(item_id, current_user)
    delete_item(item, current_user)
    flash(_("Deleted."), "info")
    return redirect(safe_next(request.form.get("next")))


def _next_url(item: Item) -> str:
    return safe_next(request.form.get("next") or item_url(item))
