"""The 5-column thought record ("Column" in U2plus): situation, emotions rated 0-100, automatic
thoughts, a balanced thought weighed against the evidence, and the emotions re-rated afterwards.

Entries are items of type "thought_record", private until their author shares them. Answers
(e.g. the Empathy reaction) come from whichever reaction policy the community configures.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l

from forum.core.api import (
    ContentType,
    Item,
    NavItem,
    ScreenResult,
    User,
    hookimpl,
)

from . import views
from .emotions import sync_emotion_names
from .views import CONTENT_TYPE


@hookimpl
def forum_content_types() -> list[ContentType]:
    return [views.records.declare(_l("Thought record"))]


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    app.register_blueprint(views.bp)


@hookimpl
def forum_nav_items(user: User | None) -> list[NavItem]:
    return views.records.nav(user, _l("Thought records"), order=30)


@hookimpl
def forum_after_screen(item: Item, result: ScreenResult, is_new: bool) -> None:
    """Emotion names are screened as one text field; keep the rated list in step with it."""
    if item.type == CONTENT_TYPE:
        sync_emotion_names(item)


@hookimpl
def forum_demo_content(users: dict[str, User], settings: dict[str, dict[str, Any]]) -> None:
    from .demo import add_demo_records

    add_demo_records(users, settings["community"]["language"])
