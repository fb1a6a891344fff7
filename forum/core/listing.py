"""Small pieces every content plugin's pages share: who may read, and a page of one content type."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask_login import current_user
from sqlalchemy import ColumnElement, Executable, Result, String, bindparam, select, type_coerce
from werkzeug.wrappers import Response

from .auth import viewer
from .extensions import db, login_manager
from .models import Item, User
from .pagination import Page, paginate
from .publishing import prepare_items
from .state import settings
from .visibility import hidden_authors, visible_to


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




# ``updated_at`` only names an item's version: read as text, it skips SQLite's datetime parsing.
SUMMARY_COLUMNS = (Item.id, Item.type, Item.author_id, Item.parent_id, Item.status, Item.visibility,
                   type_coerce(Item.updated_at, String).label("version"))


class ItemSummary:
    """An item's bookkeeping columns without its text, from a Core row: what a list needs to
    decide who sees it, and what plugins prefetch for it (``extras``).

    Building one costs a few µs; an ORM ``Item`` costs ~50 (identity map, events, datetime
    parsing), which adds up to milliseconds on a page of replies. Duck-types ``Item`` for
    ``forum_prepare_items`` and ``forum_item_footers``: read-only, and a plugin that needs the
    text loads it.
    """

    __slots__ = ("author_id", "extras", "id", "parent_id", "status", "type", "updated_at", "visibility")

    def __init__(self, row: Any) -> None:
        (self.id, self.type, self.author_id, self.parent_id, self.status, self.visibility,
         self.updated_at) = row[:7]
        self.extras: dict[str, Any] = {}

    @property
    def is_public(self) -> bool:
        return self.status == "published" and self.visibility == "community"


def viewer_kind(user: User | None) -> str:
    """Viewers whose ``visible_to`` has one shape: visitors, members, moderators."""
    return "visitor" if user is None else "moderator" if user.is_moderator else "member"


def visible_to_any(kind: str) -> ColumnElement[bool]:
    """``visible_to`` for every viewer of ``kind``, their id left as the parameter ``viewer_id``.

    A statement built on it once serves every such viewer (pass ``viewer_params(user)``): a
    page's statements are then neither rebuilt nor re-keyed for SQLAlchemy's compiled cache,
    which costs more than running them.
    """
    if kind == "visitor":
        return visible_to(None)
    # A transient stand-in, never added to a session: visible_to reads only its id and role;
    # the members this viewer hid (mute, block) come as a parameter too.
    stand_in = User(id=bindparam("viewer_id"), role="moderator" if kind == "moderator" else "member")
    return visible_to(stand_in, hidden=bindparam("hidden_ids", expanding=True))


def viewer_params(user: User | None) -> dict[str, Any]:
    if user is None:
        return {}
    return {"viewer_id": user.id, "hidden_ids": sorted(hidden_authors(user))}


def read_rows(statement: Executable, params: dict[str, Any]) -> Result[Any]:
    """Rows of a Core ``select`` of columns, run on the session's connection: the ORM's work
    per statement (~20-70 µs) is skipped on pages that run several. Pending ORM changes are
    flushed first, as ``session.execute`` would."""
    session = db.session()
    if session.new or session.deleted or session.dirty:
        session.flush()
    return session.connection().execute(statement, params)
