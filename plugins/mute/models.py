"""Who muted or blocked whom: one row per member and other member."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from forum.core.api import db, utcnow

KINDS = ("mute", "block")


class Mute(db.Model):
    """``owner`` muted (does not see) or blocked (also is not seen by) ``target``."""

    __tablename__ = "mutes"
    __table_args__ = (UniqueConstraint("owner_id", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
