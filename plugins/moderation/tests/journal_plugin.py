"""A tiny exercise-like content type, for the moderation tests only.

Journal entries are private by default and can be shared; they are listed in a community
feed, on the home page and on profiles, like the real exercise plugins do. Enable it with
``make_app(plugins=["moderation", "plugins.moderation.tests.journal_plugin"])``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, abort, render_template_string, request, url_for
from markupsafe import Markup
from sqlalchemy import select

from forum.core.api import (
    ContentType,
    Item,
    User,
    db,
    finish_submission,
    get_visible_or_404,
    hookimpl,
    login_required,
    prepare_items,
    public_only,
    submit,
    viewer,
    visible_to,
)

bp = Blueprint("journal", __name__, url_prefix="/journal")

ENTRIES = """<ul class="feed">{% for entry in entries %}<li id="entry-{{ entry.id }}">
{{ item_byline(entry) }}<p>{{ entry.data.get("feeling", "") }}</p><div>{{ safe_html(entry.body_html) }}</div>
{{ item_footer(entry) }}</li>{% endfor %}</ul>"""
PAGE = '{% extends "forum/base.html" %}{% block content %}' + ENTRIES + "{% endblock %}"


@hookimpl
def forum_content_types() -> list[ContentType]:
    return [ContentType("journal", "Journal", lambda item: url_for("journal.show", item_id=item.id),
                        default_visibility="private", function="journal")]


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    app.register_blueprint(bp)


@hookimpl
def forum_home_sections(viewer: User | None) -> list[Markup]:
    return [_render(_feed(limit=5))]


@hookimpl
def forum_profile_sections(user: User, viewer: User | None) -> list[Markup]:
    entries = list(db.session.scalars(select(Item).where(
        Item.type == "journal", Item.author_id == user.id, visible_to(viewer))))
    return [_render(entries)]


def _feed(limit: int) -> list[Item]:
    return list(db.session.scalars(select(Item).where(Item.type == "journal", public_only())
                                   .order_by(Item.created_at.desc()).limit(limit)))


def _render(entries: list[Item]) -> Markup:
    prepare_items(entries, viewer())
    return Markup(render_template_string(ENTRIES, entries=entries))


@bp.route("/new", methods=["POST"])
@login_required
def new() -> Any:
    entry = Item(type="journal", author=viewer(), visibility=request.form.get("visibility", "private"))
    submission = submit(entry, {"body": request.form["body"], "feeling": request.form.get("feeling", "")},
                        is_new=True)
    if not submission.saved:
        abort(422)
    return finish_submission(submission, url_for("journal.show", item_id=entry.id))


@bp.route("/<int:item_id>")
def show(item_id: int) -> str:
    entry = get_visible_or_404(item_id, viewer(), "journal")
    prepare_items([entry], viewer())
    return render_template_string(PAGE, entries=[entry])


@bp.route("/")
def feed() -> str:
    entries = _feed(limit=50)
    prepare_items(entries, viewer())
    return render_template_string(PAGE, entries=entries)
