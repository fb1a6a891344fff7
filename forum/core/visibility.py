"""Who may see which item: the one query helper every page, feed, search and export uses."""

from __future__ import annotations

from typing import Any

from flask import abort
from sqlalchemy import and_, or_, select
from sqlalchemy.sql import ColumnElement

from .extensions import db
from .models import Item, User


def _member(user: Any) -> User | None:
    return user if isinstance(user, User) else None


def visible_to(user: User | None) -> ColumnElement[bool]:
    """SQL condition: items ``user`` may see.

    Everyone signed in sees published community items; authors also see their own private,
    held and rejected items; moderators also see held and rejected community items (never
    another member's private entry). Deleted items are seen by nobody.
    """
    public = and_(Item.status == "published", Item.visibility == "community")
    member = _member(user)
    if member is None:
        return public
    own = and_(Item.author_id == member.id, Item.status != "deleted")
    if member.is_moderator:
        under_review = and_(Item.visibility == "community", Item.status.in_(("held", "rejected")))
        return or_(public, own, under_review)
    return or_(public, own)


def public_only() -> ColumnElement[bool]:
    """Items anyone in the community may see: for feeds, counts, search, exports."""
    return and_(Item.status == "published", Item.visibility == "community")


def can_see(user: User | None, item: Item) -> bool:
    """Python twin of ``visible_to`` for an item already loaded."""
    if item.status == "deleted":
        return False
    if item.is_public:
        return True
    member = _member(user)
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
