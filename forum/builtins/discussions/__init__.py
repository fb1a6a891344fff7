"""Discussions (built-in): boards of topics with free-text replies, the HORYZONS shape.

Adds the content type ``discussion`` (always shared with the community), the board and topic
pages (``/b/<slug>``, ``/t/<id>``), and the Home link. Replies come from whichever plugin gives
discussions a comment policy (``comments``). Laid out like any plugin; imports only the API.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template, url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import select

from forum.core.api import Board, ContentType, Item, NavItem, User, db, hookimpl, submit, visible_to

from . import views


@hookimpl
def forum_content_types() -> list[ContentType]:
    return [ContentType(views.TYPE, str(_l("Discussion")), views.topic_url, function="discussions",
                        usage=frozenset({"write", "read_others"}))]


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    app.register_blueprint(views.bp)


@hookimpl
def forum_nav_items(user: User | None) -> list[NavItem]:
    items = [NavItem(str(_l("Home")), url_for("forum.index"), order=0)]
    if user is not None:
        items.append(NavItem(str(_l("Your data")), url_for("account.data"), order=95))
    return items


@hookimpl(tryfirst=True)  # the boards lead the home page
def forum_home_sections(viewer: User | None) -> list[Markup]:
    boards = list(db.session.scalars(
        select(Board).where(Board.archived.is_(False)).order_by(Board.position, Board.title)))
    return [Markup(render_template("discussions/_boards.html", boards=boards))]


@hookimpl(trylast=True)  # after the plugins' sections (profile, exercises)
def forum_profile_sections(user: User, viewer: User | None) -> list[Markup]:
    topics = list(db.session.scalars(
        select(Item).where(Item.author_id == user.id, Item.type == views.TYPE, visible_to(viewer))
        .order_by(Item.created_at.desc()).limit(10)))
    return [Markup(render_template("discussions/_profile_topics.html", topics=topics))]


DEMO_TOPIC = {
    "en": ("Hello from a new member",
           "I joined this week. Small steps: today I went for a **short walk**."),
    "ja": ("はじめまして", "今週から参加しました。小さな一歩として、今日は**少しだけ散歩**をしました。"),
}


@hookimpl
def forum_demo_content(users: dict[str, User], settings: dict[str, dict[str, Any]]) -> None:
    """A first topic on the first board, by the first sample member."""
    board = db.session.scalar(select(Board).order_by(Board.position))
    members = [user for user in users.values() if user.role == "member"]
    if board is None or not members:
        return
    title, body = DEMO_TOPIC.get(settings["community"]["language"], DEMO_TOPIC["en"])
    submit(Item(type=views.TYPE, author=members[0], board_id=board.id), {"title": title, "body": body},
           is_new=True)
