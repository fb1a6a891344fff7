"""The review queue, members' reports, and moderators' messages to members."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.core.api import Item, User, db, utcnow

KINDS = ("held", "flag", "report", "alert")
OPEN_STATUSES = ("open", "escalated")
REPORT_CATEGORIES = ("worries", "hurtful", "other")


class ModerationItem(db.Model):
    """One entry in the review queue: an item to review, or a safety alert about a member.

    At most one entry per item is open at a time; later findings and reports are merged
    into it (as Discourse merges flags into one reviewable). ``rules`` lists why it is here:
    ``[{"rule", "action", "reason", "field"}]`` (reports appear as rule ``report``).
    """

    __tablename__ = "moderation_items"
    __table_args__ = (
        Index("ix_moderation_queue", "status", "urgent", "created_at"),
        Index("ix_moderation_item", "item_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), default=None)
    # The member concerned: the item's author, or the subject of a safety alert.
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    urgent: Mapped[bool] = mapped_column(default=False)
    severity: Mapped[int] = mapped_column(default=1)
    rules: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="open")
    decision: Mapped[str] = mapped_column(String(32), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)

    item: Mapped[Item | None] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Report(db.Model):
    """A member's report on someone else's public item; one per member and item."""

    __tablename__ = "moderation_reports"
    __table_args__ = (UniqueConstraint("item_id", "reporter_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MemberNotice(db.Model):
    """A moderator's message to a member about one of their items (e.g. why it was not published)."""

    __tablename__ = "moderation_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), default=None)
    decision: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    item: Mapped[Item | None] = relationship()
