"""One table: a member's completed questionnaire, private to them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from forum.core.api import db, utcnow


class QuestionnaireResult(db.Model):
    """The answers as given and the scores as the member was shown them."""

    __tablename__ = "questionnaire_results"
    __table_args__ = (Index("ix_questionnaire_results_member", "user_id", "instrument", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    instrument: Mapped[str] = mapped_column(String(40))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # item id -> value or None
    scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # score id -> value or None
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SummarySnapshot(db.Model):
    """The host's summary of one instrument as last published, and whose latest result it
    counted: it is published anew only once at least ``min_group_size`` members' latest results
    have changed (new, retaken or gone), so two summaries never differ by one member."""

    __tablename__ = "questionnaire_summary_snapshots"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument: Mapped[str] = mapped_column(String(40), unique=True)
    counted: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # member id -> result id
    figures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # n, means, bands
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
