"""Pages (built-in): the host's psychoeducation pages, Markdown files served at ``/learn``.

``[community] content_dir`` names the folder (relative to the community file). Each file is
rendered once per change of the file, not per request.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, url_for
from flask_babel import lazy_gettext as _l

from forum.core.api import NavItem, User, hookimpl

from . import views


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    app.register_blueprint(views.bp)


@hookimpl
def forum_nav_items(user: User | None) -> list[NavItem]:
    return [NavItem(str(_l("Learn")), url_for("pages.index"), order=80)]
