"""Making notifications from what happened, and e-mailing them outside quiet hours.

Every function here runs after the event's commit and commits its own rows. Nothing is made
for the member's own actions, and nothing about an item that is not public: a held or private
reply never reaches ``forum_after_publish``; a reply taken down later takes its notification
with it (``withdraw``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import has_request_context, url_for
from flask_babel import gettext as _
from sqlalchemy import delete, select

from forum.core.api import (
    Item,
    User,
    db,
    enqueue,
    hidden_authors,
    job_handler,
    send_mail,
    settings,
    utcnow,
)

from .models import Notification, NotificationSettings

EMAIL = "notifications.email"


def _new(recipient_id: int, kind: str, **fields: Any) -> Notification:
    notification = Notification(user_id=recipient_id, kind=kind, **fields)
    db.session.add(notification)
    _email_unless_quiet(recipient_id, kind)
    db.session.commit()
    return notification


def _hid(recipient_id: int, actor_id: int) -> bool:
    """The recipient muted or blocked the actor: what the actor did stays unseen, unannounced."""
    recipient = db.session.get(User, recipient_id)
    return recipient is not None and actor_id in hidden_authors(recipient)


def reply_published(reply: Item) -> None:
    parent = db.session.get(Item, reply.parent_id) if reply.parent_id else None
    if parent is None or parent.author_id == reply.author_id or _hid(parent.author_id, reply.author_id):
        return
    _new(parent.author_id, "reply", item_id=parent.id, source_id=reply.id, actor_ids=[reply.author_id])


def reaction_given(item: Item, user: User) -> None:
    """One row per item and day: the count grows, e-mail goes with the first reaction only."""
    if item.author_id == user.id or not item.is_public or _hid(item.author_id, user.id):
        return
    today = utcnow().date()
    row = db.session.scalar(select(Notification).where(
        Notification.user_id == item.author_id, Notification.kind == "reaction",
        Notification.item_id == item.id, Notification.day == today))
    if row is None:
        _new(item.author_id, "reaction", item_id=item.id, day=today, actor_ids=[user.id])
        return
    row.count += 1
    row.actor_ids = [*row.actor_ids, user.id] if user.id not in row.actor_ids else row.actor_ids
    row.updated_at = utcnow()
    row.read_at = None
    db.session.commit()


def reaction_taken_back(item: Item, user: User) -> None:
    """Today's count no longer holds a reaction taken back; a line left with none goes."""
    row = db.session.scalar(select(Notification).where(
        Notification.user_id == item.author_id, Notification.kind == "reaction",
        Notification.item_id == item.id, Notification.day == utcnow().date()))
    if row is None:
        return  # given on an earlier day: that day's line stays as it was
    row.count -= 1
    if row.count <= 0:
        db.session.delete(row)
    db.session.commit()


def decided(item: Item, decision: str, moderator: User) -> None:
    if decision not in ("approve", "reject", "edit_approve") or item.author_id == moderator.id:
        return
    _new(item.author_id, "decision", item_id=item.id, decision=decision)


def moderator_wrote(member: User, item: Item | None, kind: str, url: str) -> None:
    """A message with a decision joins the decision's notification; a check-in is its own."""
    if kind == "decision" and item is not None:
        row = db.session.scalar(select(Notification).where(
            Notification.user_id == member.id, Notification.kind == "decision",
            Notification.item_id == item.id).order_by(Notification.id.desc()).limit(1))
        if row is not None:
            row.with_message, row.url, row.read_at = True, url, None
            db.session.commit()
            return
        _new(member.id, "message", item_id=item.id, url=url)
        return
    _new(member.id, "check_in", url=url)


def withdraw(item: Item) -> None:
    """An item others were told about is no longer public: so is what they were told. A deleted
    item of one's own leaves nothing to read either."""
    if item.is_public:
        return
    about = Notification.source_id == item.id
    if item.status == "deleted":
        about = about | (Notification.item_id == item.id)
    db.session.execute(delete(Notification).where(about))
    db.session.commit()


# --- e-mail -----------------------------------------------------------------------------------

def local_minute(now: datetime) -> int:
    local = now.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(settings()["notifications"]["timezone"]))
    return local.hour * 60 + local.minute


def _email_unless_quiet(recipient_id: int, kind: str) -> None:
    """Queue an e-mail (no member text: what kind of news, and a link) unless the member has
    none, the host offers none, or it is within the member's quiet hours (in-app only)."""
    table = settings()["notifications"]
    if not (table["email"] and table["smtp_host"]):
        return
    choice = db.session.get(NotificationSettings, recipient_id)
    if choice is None or not choice.email or choice.quiet_at(local_minute(utcnow())):
        return
    community = settings()["community"]["name"]
    link = _page_link()
    enqueue(EMAIL, {"to": [choice.email],
                    "subject": _("%(community)s: something new for you", community=community),
                    "body": _("%(what)s\n\nRead it here: %(link)s\n\nYou can change e-mail and quiet "
                              "hours on the same page.", what=kind_summary(kind), link=link)})


def kind_summary(kind: str) -> str:
    summaries = {"reply": _("Someone replied to your post."), "reaction": _("Your post received a reaction."),
                 "decision": _("A moderator decided on your post."),
                 "message": _("A moderator wrote to you."), "check_in": _("A moderator wrote to you.")}
    return summaries[kind]


def _page_link() -> str:
    base = settings()["notifications"]["base_url"].rstrip("/")
    if base or not has_request_context():
        return base + "/notifications"
    return url_for("notifications.index", _external=True)


@job_handler(EMAIL)
def send_email(payload: dict[str, Any]) -> None:
    send_mail(settings()["notifications"], payload["to"], payload["subject"], payload["body"])
