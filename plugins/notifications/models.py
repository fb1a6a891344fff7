from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from forum.core.api import db, utcnow

KINDS = ("reply", "reaction", "decision", "message", "check_in")


class Notification(db.Model):
    """Something for one member to know. ``item`` is the member's own item it is about,
    ``source`` someone else's item that caused it (a reply); reactions to one item on one
    ``day`` are one row with a ``count`` and the ids of who reacted (names are looked up when
    shown, so a deleted account's name is never shown)."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_unread", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), default=None)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), default=None)
    day: Mapped[date | None] = mapped_column(default=None)
    count: Mapped[int] = mapped_column(default=1)
    actor_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    decision: Mapped[str] = mapped_column(String(20), default="")
    with_message: Mapped[bool] = mapped_column(default=False)
    url: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(default=None)


class NotificationSettings(db.Model):
    """A member's choices: an e-mail address (optional) and quiet hours, in minutes after
    midnight in ``[notifications] timezone`` (equal start and end: no quiet hours)."""

    __tablename__ = "notification_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    email: Mapped[str] = mapped_column(String(200), default="")
    quiet_start: Mapped[int] = mapped_column(default=0)
    quiet_end: Mapped[int] = mapped_column(default=0)

    def quiet_at(self, minute: int) -> bool:
        if self.quiet_start == self.quiet_end:
            return False
        if self.quiet_start < self.quiet_end:
            return self.quiet_start <= minute < self.quiet_end
        return minute >= self.quiet_start or minute < self.quiet_end  # across midnight
