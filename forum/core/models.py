"""The core tables every plugin shares: members, boards, content items, the audit log."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, Index, String, Text, event, text
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db

ROLES = ("member", "moderator", "host")
STATUSES = ("published", "held", "rejected", "deleted")
VISIBILITIES = ("private", "community")
MODERATION_MODES = ("pre", "screened", "post")
TOPIC_STARTERS = ("members", "moderators")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def username_key(name: str) -> str:
    """One key for names that look alike: 'Aoi', 'AOI', 'ＡＯＩ', 'Аоі' (Cyrillic), 'aoı' (dotless)."""
    from .text import name_skeleton

    return name_skeleton(name)[:40]


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    """A salted slow hash, the one members' passwords get (also for recovery codes)."""
    return generate_password_hash(secret)


def check_secret(stored_hash: str, secret: str) -> bool:
    return check_password_hash(stored_hash, secret)


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = {"sqlite_autoincrement": True}  # a deleted member's id is never given again

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40))
    username_key: Mapped[str] = mapped_column(String(40), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="member")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    timezone: Mapped[str] = mapped_column(String(64), default="")  # IANA name; "" = the community's
    # What the session and the remember-me cookie carry (never the id): a new one signs the
    # member out everywhere (sign-out, password change, "sign out everywhere", deletion).
    session_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_token)

    def get_id(self) -> str:
        return self.session_token

    def rotate_session_token(self) -> None:
        self.session_token = new_session_token()

    def set_password(self, password: str) -> None:
        # Werkzeug's default is scrypt with a random salt.
        self.password_hash = hash_secret(password)

    def check_password(self, password: str) -> bool:
        return check_secret(self.password_hash, password)

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
    moderation: Mapped[str] = mapped_column(String(16), default="")  # "" = the community's mode
    topic_starters: Mapped[str] = mapped_column(String(16), default="members")
    archived: Mapped[bool] = mapped_column(default=False)  # read-only, off the home page


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
        # pager's count reads the index alone). Partial: PostgreSQL orders by an index only
        # after equalities, and "parent_id IS NULL" is not one.
        Index("ix_items_board_topics", "board_id", "type", "last_activity_at", "id",
              "status", "visibility", "author_id", postgresql_where=text("parent_id IS NULL"),
              sqlite_where=text("parent_id IS NULL")),
        # A topic's replies oldest first with what visibility needs:
        # the page of replies and its count are read from the index alone.
        Index("ix_items_thread", "parent_id", "created_at", "id", "type", "status", "visibility",
              "author_id", "updated_at"),
        {"sqlite_autoincrement": True},  # ids are in URLs: a deleted item's id is never reused
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
    # A moderator's rejection sticks until a moderator publishes it: unsharing and sharing again,
    # or editing, sends it back to the queue whatever its status is meanwhile.
    was_rejected: Mapped[bool] = mapped_column(default=False)
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
    # No foreign key: a deleted staff member's entries stay as they were (the log is never
    # updated); the id then names nobody, and ``actor`` is None.
    actor_id: Mapped[int | None] = mapped_column(default=None, index=True)
    action: Mapped[str] = mapped_column(String(40))
    target_type: Mapped[str] = mapped_column(String(40), default="")
    target_id: Mapped[int | None] = mapped_column(default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    actor: Mapped[User | None] = relationship(
        primaryjoin="foreign(AuditEvent.actor_id) == User.id", viewonly=True)


class AuditLogIsAppendOnly(RuntimeError):
    pass


@event.listens_for(Session, "before_flush")
def _protect_audit_log(session: Session, _context: Any, _instances: Any) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise AuditLogIsAppendOnly("audit events are never updated or deleted")
