"""The core tables every plugin shares: members, boards, content items, the audit log."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, Index, String, Text, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db

ROLES = ("member", "moderator", "host")
STATUSES = ("published", "held", "rejected", "deleted")
VISIBILITIES = ("private", "community")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def username_key(name: str) -> str:
    """Case- and width-insensitive key, so 'Aoi', 'AOI' and 'ＡＯＩ' are one name."""
    return unicodedata.normalize("NFKC", name).casefold()


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40))
    username_key: Mapped[str] = mapped_column(String(40), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="member")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def set_password(self, password: str) -> None:
        # Werkzeug's default is scrypt with a random salt.
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_moderator(self) -> bool:
        return self.role in ("moderator", "host")

    @property
    def is_host(self) -> bool:
        return self.role == "host"


class Board(db.Model):
    __tablename__ = "boards"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)


class Item(db.Model):
    """One piece of member content of any type: topic, reply, exercise entry, profile."""

    __tablename__ = "items"
    __table_args__ = (
        Index("ix_items_feed", "type", "status", "visibility", "created_at"),
        Index("ix_items_board", "board_id", "status", "last_activity_at"),
        Index("ix_items_parent", "parent_id", "status", "created_at"),
        Index("ix_items_author", "author_id", "type"),
        # A board's topics newest activity first, for visitors and members alike (the order
        # comes from the index, the visibility test from its last columns: no sort, and the
        # pager's count reads the index alone).
        Index("ix_items_board_topics", "board_id", "parent_id", "type", "last_activity_at", "id",
              "status", "visibility", "author_id"),
        # A topic's replies oldest first with what visibility and the fragment cache need:
        # the page of replies and its count are read from the index alone.
        Index("ix_items_thread", "parent_id", "created_at", "id", "type", "status", "visibility",
              "author_id", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(40))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    board_id: Mapped[int | None] = mapped_column(ForeignKey("boards.id"), default=None)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), default=None
    )
    title: Mapped[str | None] = mapped_column(String(200), default=None)
    body: Mapped[str] = mapped_column(Text, default="")  # the member's source text
    body_html: Mapped[str] = mapped_column(Text, default="")  # rendered + sanitised once, on write
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # structured exercise fields
    status: Mapped[str] = mapped_column(String(16), default="published")
    visibility: Mapped[str] = mapped_column(String(16), default="community")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(default=None)
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User] = relationship(lazy="joined", innerjoin=True)
    board: Mapped[Board | None] = relationship()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.extras: dict[str, Any] = {}

    @property
    def is_public(self) -> bool:
        return self.status == "published" and self.visibility == "community"


@event.listens_for(Item, "load")
def _item_loaded(item: Item, _context: Any) -> None:
    item.extras = {}


class AuditEvent(db.Model):
    """Append-only log of moderator and host decisions: never updated, never deleted."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))
    target_type: Mapped[str] = mapped_column(String(40), default="")
    target_id: Mapped[int | None] = mapped_column(default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    actor: Mapped[User | None] = relationship()


class AuditLogIsAppendOnly(RuntimeError):
    pass


@event.listens_for(Session, "before_flush")
def _protect_audit_log(session: Session, _context: Any, _instances: Any) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise AuditLogIsAppendOnly("audit events are never updated or deleted")
