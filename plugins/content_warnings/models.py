"""Warnings on items, and each member's choice per warning."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from forum.core.api import db

CHOICES = ("show", "collapse", "hide")  # what a reader sees of an item with a warning
DEFAULT_CHOICE = "collapse"


class ContentWarning(db.Model):
    """One warning per item: a kind from the host's list, the author's few words, and whether a
    screening rule added it (the author's own choice replaces it)."""

    __tablename__ = "content_warnings"

    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(String(100), default="")
    by_screening: Mapped[bool] = mapped_column(default=False)


class WarningChoice(db.Model):
    """A member's choice for one kind of warning (no row: collapse)."""

    __tablename__ = "content_warning_choices"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    choice: Mapped[str] = mapped_column(String(10))
