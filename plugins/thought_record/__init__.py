"""The 5-column thought record ("Column" in U2plus): situation, emotions rated 0-100, automatic
thoughts, a balanced thought weighed against the evidence, and the emotions re-rated afterwards.

Entries are items of type "thought_record", private until their author shares them. Answers
(e.g. the Empathy reaction) come from whichever reaction policy the community configures.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, url_for
from flask_babel import lazy_gettext as _l

from forum.core.api import (
    ENTRY_USE,
    ContentType,
    Item,
    NavItem,
    ScreenResult,
    User,
    can_read_community,
    hookimpl,
)

from . import views
from .emotions import sync_emotion_names
from .views import CONTENT_TYPE


@hookimpl
def forum_content_types() -> list[ContentType]:
    return [ContentType(CONTENT_TYPE, str(_l("Thought record")), views.records.url,
                        default_visibility="private", function=CONTENT_TYPE, usage=ENTRY_USE)]


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    app.register_blueprint(views.bp)


@hookimpl
def forum_nav_items(user: User | None) -> list[NavItem]:
    if not can_read_community(user):
        return []
    return [NavItem(str(_l("Thought records")), url_for("thought_record.feed"), order=30)]


@hookimpl
def forum_after_screen(item: Item, result: ScreenResult, is_new: bool) -> None:
    """Emotion names are screened as one text field; keep the rated list in step with it."""
    if item.type == CONTENT_TYPE:
        sync_emotion_names(item)


@hookimpl
def forum_demo_content(users: dict[str, User], settings: dict[str, dict[str, Any]]) -> None:
    from .demo import add_demo_records

    add_demo_records(users)
