"""Gratitude ("three good things"): an example third-party plugin for the forum engine.

Adds the content type ``gratitude`` (private by default; the member may share an entry),
pages under ``/gratitude/`` from the core's content-type kit, a navigation link, and the
``[gratitude]`` settings table. Others answer shared entries with whatever reaction policy
the host configures for ``gratitude``.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l

from forum.core.api import (
    ContentType,
    NavItem,
    Section,
    Setting,
    User,
    hookimpl,
)

from . import views


@hookimpl
def forum_settings_schema() -> dict[str, Section]:
    return {"gratitude": Section({
        "prompt_evening": Setting(bool, True, "remind members that the exercise is for the evening"),
    })}


@hookimpl
def forum_content_types() -> list[ContentType]:
    return [views.entries.declare(_l("Three good things"))]


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    app.register_blueprint(views.bp)


@hookimpl
def forum_nav_items(user: User | None) -> list[NavItem]:
    return views.entries.nav(user, _l("Good things"), order=25)
