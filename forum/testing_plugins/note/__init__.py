"""Notes: a fake content type for plugin tests (``forum.testing_plugins.note``).

Adds the content type ``note`` (private by default, shareable, usage "write"/"share"/
"read_others" as function ``note``) with the core's entry kit under ``/notes/``: community
feed, my notes, one note, new and edit. Every note shows ``item_footer(item)`` under it, so
the footers other plugins add (reactions, replies, moderation) render as on a real type. A
note is one text field and a visibility choice; ``forum demo`` adds one shared note per member.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l

from forum.core.api import ENTRY_USE, ContentType, User, hookimpl

from . import views


@hookimpl
def forum_content_types() -> list[ContentType]:
    return [ContentType(views.TYPE, str(_l("Note")), views.entries.url, default_visibility="private",
                        function=views.TYPE, usage=ENTRY_USE)]


@hookimpl
def forum_configure(app: Flask) -> None:
    app.register_blueprint(views.bp)


@hookimpl
def forum_demo_content(users: dict[str, User], settings: dict[str, dict[str, Any]]) -> None:
    views.add_demo_notes(users)
