"""Access to the running community's state from inside a request or app context."""

from __future__ import annotations

from typing import Any

from flask import current_app

from .config import Settings
from .plugins import ForumState


def forum_state() -> ForumState:
    return current_app.extensions["forum"]


def settings() -> Settings:
    return forum_state().settings


def hook() -> Any:
    return forum_state().hook
