"""Who may see which item: the one query helper every page, feed, search and export uses."""

from __future__ import annotations

from typing import Any

from flask import abort, g, has_request_context
from sqlalchemy import and_, or_, select
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.elements import BindParameter

from .auth import viewer
from .extensions import db
from .models import Item, User
from .state import hook


def _member(user: Any) -> User | None:
    return user if isinstance(user, User) else None


def hidden_authors(user: User | None) -> frozenset[int]:
    """Members whose items ``user`` must not see (``forum_hidden_authors``), once per request."""
    member = _member(user)
    if member is None:
        return frozenset()
    cache: dict[int, frozenset[int]] | None = g.setdefault("forum_hidden_authors", {}) \
        if has_request_context() else None
    if cache is not None and member.id in cache:
        return cache[member.id]
    found = frozenset(i for answer in hook().forum_hidden_authors(viewer=member) for i in answer or ())
    found -= {member.id}
    if cache is not None:
        cache[member.id] = found
    return found


def forget_hidden_authors() -> None:
    """Call after a change to who is hidden, so the rest of the request sees it."""
    if has_request_context():
        g.pop("forum_hidden_authors", None)


def _shown(condition: ColumnElement[bool], user: User | None,
           hidden: BindParameter[Any] | None = None) -> ColumnElement[bool]:
    """``condition`` without the items of the members ``user`` hid (or of the ids ``hidden``
    will name when the statement runs)."""
    if hidden is not None:
        return and_(condition, Item.author_id.notin_(hidden))
    ids = hidden_authors(user)
    return and_(condition, Item.author_id.notin_(ids)) if ids else condition


def visible_to(user: User | None, hidden: BindParameter[Any] | None = None) -> ColumnElement[bool]:
    """SQL condition: items ``user`` may see.

    Everyone signed in sees published community items; authors also see their own private,
    held and rejected items; moderators also see held and rejected community items (never
    another member's private entry). Deleted items are seen by nobody.
    """
    public = and_(Item.status == "published", Item.visibility == "community")
    member = _member(user)
    if member is None:
        return public
    public = _shown(public, member, hidden)  # a held item under review is never hidden from moderators
    own = and_(Item.author_id == member.id, Item.status != "deleted")
    if member.is_moderator:
        under_review = and_(Item.visibility == "community", Item.status.in_(("held", "rejected")))
        return or_(public, own, under_review)
    return or_(public, own)


def public_only() -> ColumnElement[bool]:
    """Items anyone in the community may see: for feeds, counts, search, exports.

    In a request, without the members the signed-in viewer has hidden (``hidden_authors``).
    """
    public = and_(Item.status == "published", Item.visibility == "community")
    if not has_request_context():
        return public
    return _shown(public, viewer())


def can_see(user: User | None, item: Item) -> bool:
    """Python twin of ``visible_to`` for an item already loaded."""
    if item.status == "deleted":
        return False
    member = _member(user)
    if item.is_public:
        return item.author_id not in hidden_authors(member)
    if member is None:
        return False
    if item.author_id == member.id:
        return True
    return member.is_moderator and item.visibility == "community" and item.status != "published"


def get_visible_or_404(item_id: int, user: User | None, content_type: str | None = None) -> Item:
    """Load an item the user may see, else 404 (never 403: do not confirm it exists)."""
    condition = and_(Item.id == item_id, visible_to(user))
    if content_type is not None:
        condition = and_(condition, Item.type == content_type)
    item = db.session.scalar(select(Item).where(condition))
    if item is None:
        abort(404)
    return item


def get_own_or_404(item_id: int, user: User | None, content_type: str | None = None) -> Item:
    """Load an item the user wrote (for edit, delete, share), else 404."""
    member = _member(user)
    if member is None:
        abort(404)
    condition = and_(Item.id == item_id, Item.author_id == member.id, Item.status != "deleted")
    if content_type is not None:
        condition = and_(condition, Item.type == content_type)
    item = db.session.scalar(select(Item).where(condition))
    if item is None:
        abort(404)
    return item
