"""Small pieces every content plugin's pages share: who may read, and a page of one content type."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask_login import current_user
from sqlalchemy import ColumnElement, select
from werkzeug.wrappers import Response

from .auth import viewer
from .extensions import login_manager
from .models import Item, User
from .pagination import Page, paginate
from .publishing import prepare_items
from .state import settings


def can_read_community(user: User | None) -> bool:
    """Community pages are for members, and for visitors too when the host sets ``public_read``.

    ``user`` may also be flask-login's anonymous user (``current_user`` of a visitor).
    """
    return (user is not None and user.is_authenticated) or settings()["community"]["public_read"]


def members_only() -> Response | None:
    """Send visitors to sign in unless the community is publicly readable.

    A blueprint's guard (``bp.before_request(members_only)``); None lets the request through.
    """
    return None if can_read_community(current_user) else login_manager.unauthorized()


def readable(view: Callable[..., Any]) -> Callable[..., Any]:
    """A view decorator: community pages are for members unless the host sets ``public_read``."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        return members_only() or view(*args, **kwargs)

    return wrapped


def list_page(content_type: str, *conditions: ColumnElement[bool], per_page: int = 20) -> Page:
    """One page of items of ``content_type`` matching ``conditions``, newest first, prepared for
    rendering (plugins prefetch their per-item data in one query per page)."""
    query = (select(Item).where(Item.type == content_type, *conditions)
             .order_by(Item.created_at.desc(), Item.id.desc()))
    page = paginate(query, per_page)
    prepare_items(page.items, viewer())
    return page

