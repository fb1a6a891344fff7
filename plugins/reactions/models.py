"""The reactions table: one row per member, item and kind."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from forum.core.api import db, utcnow


class Reaction(db.Model):
    """A fixed reaction (like, great, empathy, ...) by one member on one item."""

    __tablename__ = "reactions"
    __table_args__ = (UniqueConstraint("item_id", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
