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
TIERS = ("urgent", "check_in")
# An alert's states, in order: new -> claimed (by whom) -> contacted -> resolved (with an outcome).
ALERT_STATES = ("new", "claimed", "contacted", "resolved")
OUTCOMES = ("safe", "referred", "no_answer")
DEFAULT_HOURS = (9 * 60, 17 * 60)  # on duty 09:00-17:00 until a moderator says otherwise


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
    # Risk tier of what brought it here ("urgent", "check_in", "" for other findings).
    tier: Mapped[str] = mapped_column(String(16), default="")
    # Outreach: who is handling it (others see that), when the member was first written to,
    # and how it ended ("safe", "referred", "no_answer").
    claimed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None)
    claimed_at: Mapped[datetime | None] = mapped_column(default=None)
    contacted_at: Mapped[datetime | None] = mapped_column(default=None)
    outcome: Mapped[str] = mapped_column(String(16), default="")

    item: Mapped[Item | None] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])
    claimed_by: Mapped[User | None] = relationship(foreign_keys=[claimed_by_id])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def state(self) -> str:
        """Where the outreach stands: one of ``ALERT_STATES``."""
        if not self.is_open:
            return "resolved"
        if self.contacted_at is not None:
            return "contacted"
        return "claimed" if self.claimed_by_id is not None else "new"


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


class CheckInMessage(db.Model):
    """One message of the private check-in conversation between moderators and one member.

    Only that member, moderators and hosts read it. ``entry_id`` is the queue entry the
    conversation was opened from (the alert or held item), for the audit trail.
    """

    __tablename__ = "moderation_check_ins"
    __table_args__ = (Index("ix_check_in_member", "member_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("moderation_items.id", ondelete="SET NULL"), default=None)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])

    @property
    def from_member(self) -> bool:
        return self.author_id == self.member_id


class ModeratorDuty(db.Model):
    """Where and when a moderator (or host) is alerted outside the app.

    ``starts``/``ends`` are minutes after midnight in ``[notify] timezone``; equal means
    around the clock; ``ends`` before ``starts`` runs past midnight.
    """

    __tablename__ = "moderation_duty"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    starts: Mapped[int] = mapped_column(default=DEFAULT_HOURS[0])
    ends: Mapped[int] = mapped_column(default=DEFAULT_HOURS[1])

    user: Mapped[User] = relationship()

    def on_duty_at(self, minute: int) -> bool:
        if self.starts == self.ends:
            return True
        if self.starts < self.ends:
            return self.starts <= minute < self.ends
        return minute >= self.starts or minute < self.ends
