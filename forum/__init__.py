"""A moderated, plugin-based forum engine for online peer support in mental health."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask

from .builtins import BUILTINS
from .core.app import create_app as create_core_app
from .core.config import ConfigError

__all__ = ["ConfigError", "create_app"]


def create_app(config_path: str | os.PathLike[str] | None = None, **overrides: Any) -> Flask:
    """The forum app for one community: the core, the built-in features, and the plugins the
    community file enables. See ``forum.core.app.create_app`` for the arguments."""
    return create_core_app(config_path, builtins=BUILTINS, **overrides)
