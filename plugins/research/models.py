"""Research consent, and one row per consenting member, function and day of use."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from forum.core.api import db, utcnow


class ResearchConsent(db.Model):
    """A member who agreed to usage measurement; deleting the row withdraws consent."""

    __tablename__ = "research_consents"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    consented_at: Mapped[datetime] = mapped_column(default=utcnow)


class UsageEvent(db.Model):
    """A function used on a day: the date only, never the time, the text or whose page."""

    __tablename__ = "usage_events"
    __table_args__ = (UniqueConstraint("user_id", "function", "day", name="uq_usage_events_member_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    function: Mapped[str] = mapped_column(String(40))
    day: Mapped[date]


class ResearchProfile(db.Model):
    """What a participant chose to tell the study about themselves; every field optional.

    Held by the research plugin, not the member's public profile: it is seen only as totals and
    in the pseudonymous export, and deleted with consent."""

    __tablename__ = "research_profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    gender: Mapped[str] = mapped_column(String(20), default="")
    age_group: Mapped[str] = mapped_column(String(20), default="")
    medication: Mapped[str] = mapped_column(String(10), default="")  # "yes", "no" or "" (not said)
    psychotherapy: Mapped[str] = mapped_column(String(10), default="")  # psychotherapy or counselling
