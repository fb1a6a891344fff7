"""A moderated, plugin-based forum engine for online peer support in mental health."""

from .core.app import create_app
from .core.config import ConfigError

__all__ = ["ConfigError", "create_app"]
