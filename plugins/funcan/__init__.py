"""FunCan (U2plus): short notes of what a member achieved or enjoyed.

Adds the content type ``funcan`` (private by default; the member chooses to share each entry),
pages under ``/funcan/`` from the core's entry kit (community feed, my entries, entry, new/edit),
a navigation link, and demo entries. Writing, sharing or reading others' entries counts as using
FunCan. Sharing, unsharing and deleting use the core's generic owner actions. Others
answer an entry with whatever reaction policy the host configures.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l

from forum.core.api import ContentType, NavItem, User, hookimpl

from . import views
from .demo import add_demo_entries


@hookimpl
def forum_content_types() -> list[ContentType]:
    return [views.entries.declare(_l("FunCan"))]


@hookimpl
def forum_configure(app: Flask) -> None:
    app.register_blueprint(views.bp)


@hookimpl
def forum_nav_items(user: User | None) -> list[NavItem]:
    return views.entries.nav(user, _l("FunCan"), order=20)


@hookimpl
def forum_demo_content(users: dict[str, User], settings: dict[str, dict[str, Any]]) -> None:
    add_demo_entries(users, settings["community"]["language"])
