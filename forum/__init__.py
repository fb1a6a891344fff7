"""A moderated, plugin-based forum engine for online peer support in mental health."""

from __future__ import annotations

import gc
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
    app = create_core_app(config_path, builtins=BUILTINS, **overrides)
    if not app.testing:
        # The app's half-million start-up objects (plugins, catalogs, look-alike tables) live as
        # long as the process: out of the collector's sight, a full collection no longer walks
        # them every few requests (it cost a bare request ten times its own time).
        gc.freeze()
    return app
