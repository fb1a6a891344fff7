from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from forum.core.api import db, utcnow


class RecoveryCode(db.Model):
    """One one-time code, hashed; ``used_at`` is set when it reset the password.

    ``lookup`` is the code's first group in the clear, so a reset checks one slow hash, not ten
    (the other eight characters, about 40 bits, are only ever stored hashed).
    """

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    lookup: Mapped[str] = mapped_column(String(8))
    code_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(default=None)
