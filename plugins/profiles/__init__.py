"""Profiles (U2Friend): one profile per member, shown to signed-in members and on /u/<name>.

A profile is the member's pseudonym plus optional answers: sex, age group, a 0-10 subjective
recovery level, a short story of their experience, and a message to others. The texts go
through the same screening and moderation as any member text. Others answer a profile with
the reaction policy the host configures for the type ``profile`` (U2plus: Like).

Adds: the content type ``profile``, ``/profile/edit``, the directory ``/profiles``, the
profile section on member pages, a navigation link, and demo profiles.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from forum.core.api import ContentType, NavItem, User, hookimpl

from . import views
from .demo import add_demo_profiles


@hookimpl
def forum_content_types() -> list[ContentType]:
    # No usage function of its own: the study measures reading profiles ("read_profiles").
    return [ContentType(views.TYPE, str(_l("Profile")), views.profile_url, default_visibility="community")]


@hookimpl
def forum_configure(app: Flask) -> None:
    app.register_blueprint(views.bp)


@hookimpl
def forum_nav_items(user: User | None) -> list[NavItem]:
    return [NavItem(str(_l("Profiles")), url_for("profiles.directory"), order=40)] if user else []


@hookimpl
def forum_profile_sections(user: User, viewer: User | None) -> list[Markup]:
    section = views.section(user, viewer)
    return [section] if section is not None else []


@hookimpl
def forum_demo_content(users: dict[str, User], settings: dict[str, dict[str, Any]]) -> None:
    add_demo_profiles(users, settings["community"]["language"])
