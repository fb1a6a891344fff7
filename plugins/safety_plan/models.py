from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from forum.core.api import db, utcnow


class SafetyPlan(db.Model):
    """One member's plan: ``parts`` maps each part's key (``plans.PARTS``) to their text."""

    __tablename__ = "safety_plans"
    __table_args__ = (UniqueConstraint("user_id", name="uq_safety_plans_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    parts: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
