"""One item per posting form, however often it is sent (a double click, a retry on a slow line).

Each posting form carries a random key in a hidden field (``submission_key_field()`` in the
template). The first send that saves an item records (member, key, item) in the item's own
transaction; a later send of the same form finds that row and gets the first item back, and
two sends racing each other meet the unique constraint: the loser rolls back and is also
answered with the winner's item. Views use ``submit_new`` where they would call
``submit(item, texts, is_new=True)``.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta

from flask import Flask, request
from markupsafe import Markup
from sqlalchemy import ForeignKey, String, UniqueConstraint, delete, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from .extensions import db
from .models import Item, utcnow
from .publishing import Submission, submit
from .types import ScreenResult

FIELD = "submission_key"
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
KEY_LIFETIME = timedelta(days=7)  # a form sent again after a week is a new post
PENDING = "forum_submission_key"  # session.info: (key, item) to record when the item commits


class SubmissionKey(db.Model):
    """A posting form's key, and the item its first send saved."""

    __tablename__ = "submission_keys"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def posted_key() -> str | None:
    key = request.form.get(FIELD, "")
    return key if KEY_PATTERN.match(key) else None


def submission_key_field() -> Markup:
    """The hidden field for a posting form: the key sent with it (a form shown again after an
    error keeps its key), else a new one."""
    key = posted_key() if request.method == "POST" else None
    key = key or secrets.token_urlsafe(24)
    return Markup('<input type="hidden" name="{}" value="{}">').format(FIELD, key)


def saved_with(user_id: int, key: str) -> Item | None:
    """The item the first send of this form saved, if it still exists for its author."""
    return db.session.scalar(select(Item).join(SubmissionKey, SubmissionKey.item_id == Item.id)
                             .where(SubmissionKey.user_id == user_id, SubmissionKey.key == key,
                                    Item.status != "deleted"))


def already_saved(item: Item, texts: dict[str, str]) -> Submission:
    return Submission(item, ScreenResult([], texts), saved=True)


def submit_new(item: Item, texts: dict[str, str]) -> Submission:
    """``submit(item, texts, is_new=True)``, once per form key (see the module docstring)."""
    key = posted_key()
    if key is None or item.author is None:
        return submit(item, texts, is_new=True)
    author_id = item.author.id
    if (first := saved_with(author_id, key)) is not None:
        return already_saved(first, texts)
    db.session.info[PENDING] = (author_id, key, item)
    try:
        return submit(item, texts, is_new=True)
    except IntegrityError:
        db.session.rollback()
        if (first := saved_with(author_id, key)) is None:
            raise
        return already_saved(first, texts)
    finally:
        db.session.info.pop(PENDING, None)


@event.listens_for(Session, "before_commit")
def _record_key(session: Session) -> None:
    """In the item's own transaction: the key is saved with the item or not at all."""
    pending = session.info.pop(PENDING, None)
    if pending is None:
        return
    author_id, key, item = pending
    if item in session and item.id is not None:
        # The member's keys past any resend are dropped as they post: the table stays as small
        # as a week of posting, with no job to run.
        session.execute(delete(SubmissionKey).where(SubmissionKey.user_id == author_id,
                                                    SubmissionKey.created_at < utcnow() - KEY_LIFETIME))
        session.add(SubmissionKey(user_id=author_id, key=key, item_id=item.id))


def init_idempotency(app: Flask) -> None:
    app.jinja_env.globals["submission_key_field"] = submission_key_field
