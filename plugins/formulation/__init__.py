"""The U2Cycle formulation: a situation, and the cycle it sets off (thoughts -> feelings ->
body -> behaviour -> back to thoughts), drawn as a server-side SVG with a text alternative.

Entries are items of type "formulation", private until their author shares them.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l

from forum.core.api import ContentType, NavItem, User, hookimpl

from . import views


@hookimpl
def forum_content_types() -> list[ContentType]:
    return [views.formulations.declare(_l("Formulation"))]


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    app.register_blueprint(views.bp)


@hookimpl
def forum_nav_items(user: User | None) -> list[NavItem]:
    return views.formulations.nav(user, _l("Formulations"), order=35)


@hookimpl
def forum_demo_content(users: dict[str, User], settings: dict[str, dict[str, Any]]) -> None:
    from .demo import add_demo_formulations

    add_demo_formulations(users, settings["community"]["language"])
