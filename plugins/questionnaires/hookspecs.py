"""Hooks the questionnaires plugin declares (other plugins implement them; none is required)."""

from __future__ import annotations

from typing import Any

from forum.core.api import hookspec


@hookspec
def forum_questionnaires() -> list[Any]:
    """Return instrument definitions (tables as parsed from TOML) or paths to instrument files
    (``*.toml``) this plugin ships. Called once at start-up; adaptation files (``adapts = "id"``)
    are applied after every instrument is loaded, whichever plugin shipped it."""
