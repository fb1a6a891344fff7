"""The administration's own tables: sanctions on members and invitation codes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.core.api import User, db, utcnow

SANCTION_KINDS = ("warn", "silence", "suspend")


class Sanction(db.Model):
    """A warning, a silence (no posting or reacting) or a suspension (no signing in), with the
    reason the member is shown. Lifting keeps the row: the history stays."""

    __tablename__ = "admin_sanctions"
    __table_args__ = (Index("ix_admin_sanctions_member", "user_id", "lifted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    until: Mapped[datetime | None] = mapped_column(default=None)  # None: until lifted
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    lifted_at: Mapped[datetime | None] = mapped_column(default=None)
    lifted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    seen_at: Mapped[datetime | None] = mapped_column(default=None)  # a warning, once shown

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    lifted_by: Mapped[User | None] = relationship(foreign_keys=[lifted_by_id])

    def in_force(self, now: datetime) -> bool:
        if self.lifted_at is not None or (self.until is not None and self.until <= now):
            return False
        return self.kind != "warn" or self.seen_at is None


class InviteCode(db.Model):
    """A code a host gives a cohort (e.g. a clinic's group). Only its hash is stored: the code
    is shown once, when made."""

    __tablename__ = "admin_invite_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(120))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    max_uses: Mapped[int | None] = mapped_column(default=None)  # None: no limit
    uses: Mapped[int] = mapped_column(default=0)
    expires_at: Mapped[datetime | None] = mapped_column(default=None)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)

    created_by: Mapped[User | None] = relationship()

    def usable(self, now: datetime) -> bool:
        return (self.revoked_at is None
                and (self.expires_at is None or self.expires_at > now)
                and (self.max_uses is None or self.uses < self.max_uses))
