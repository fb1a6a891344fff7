"""The effective configuration as hosts may see it: every table, secrets hidden."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

SECRET_KEY_NAMES = re.compile(r"secret|password|token|api_key|credential", re.IGNORECASE)
REDACTED = "••••••"


def redact(key: str, value: Any) -> Any:
    if SECRET_KEY_NAMES.search(key) and value:
        return REDACTED
    if isinstance(value, str) and "://" in value:
        return _url_without_password(value)
    if isinstance(value, dict):
        return {k: redact(k, v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(key, v) for v in value]
    return value


def _url_without_password(value: str) -> str:
    try:
        url = make_url(value)
    except ArgumentError:
        return value
    return url.render_as_string(hide_password=True) if url.password else value


def redacted_settings(settings: dict[str, dict[str, Any]]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(table, [(key, shown value)]) in a stable order, values as TOML-like text."""
    return [(table, [(key, _shown(redact(key, value))) for key, value in sorted(values.items())])
            for table, values in sorted(settings.items())]


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)
