"""Access to the running community's state from inside a request or app context."""

from __future__ import annotations

from typing import Any

from flask import current_app

from .config import Settings
from .plugins import ForumState
from .types import ContentType, ReactionPolicy


def forum_state() -> ForumState:
    return current_app.extensions["forum"]


def settings() -> Settings:
    return forum_state().settings


def hook() -> Any:
    return forum_state().hook


def register_plugin(plugin: object, name: str) -> None:
    """Register one more hook implementation at configure time (e.g. a screening rule built
    from settings). It is traced and listed like any plugin."""
    forum_state().manager.register(plugin, name=name)


def content_types() -> dict[str, ContentType]:
    """Every enabled content type by name (known once ``forum_configure`` runs)."""
    return forum_state().content_types


def reaction_policy(content_type: str) -> ReactionPolicy | None:
    """The one policy that answers for ``content_type``, or None (no reactions, no comments)."""
    return forum_state().policies.get(content_type)


def config_source() -> str:
    """The community file's name, for configuration error messages."""
    return forum_state().source
