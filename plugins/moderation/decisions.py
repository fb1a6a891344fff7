"""Moderators' decisions on queue entries; each one goes into the append-only audit log.

Item status changes go through the core's ``set_status`` (audit entry, commit, hooks);
decisions that leave the item as it is (escalate, mark reviewed) write ``audit`` themselves.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from forum.core.api import Item, User, assign_texts, audit, db, hook, set_status, utcnow

from .models import MemberNotice, ModerationItem
from .outreach import notices_path

# Every decision a moderator can take, with the button label.
DECISIONS = {
    "approve": _l("Approve"),
    "edit": _l("Edit, then publish"),
    "reject": _l("Reject"),
    "reviewed": _l("Mark reviewed"),
    "escalate": _l("Escalate to host"),
}


class DecisionRefused(Exception):
    """The decision doesn't apply: the entry was closed meanwhile, or it awaits the host."""


def available(entry: ModerationItem, moderator: User) -> list[str]:
    """What ``moderator`` may decide on ``entry`` now (the server checks this on every POST)."""
    if not entry.is_open or (entry.status == "escalated" and not moderator.is_host):
        return []
    escalate = ["escalate"] if entry.status == "open" and not moderator.is_host else []
    item = entry.item
    if item is None:  # a safety alert: there is nothing to publish or reject
        return ["reviewed", *escalate]
    if item.status == "held":
        return ["approve", "edit", "reject", *escalate]
    if item.status == "published":
        return ["reviewed", "edit", "reject", *escalate]
    return ["reviewed"]


def _close(entry: ModerationItem, moderator: User, decision: str) -> None:
    entry.status = "resolved"
    entry.decision = decision
    entry.resolved_by_id = moderator.id
    entry.resolved_at = utcnow()


def _notify(item: Item, decision: str, message: str) -> None:
    if message:
        db.session.add(MemberNotice(user_id=item.author_id, item_id=item.id, decision=decision,
                                    message=message))


def _announce_message(item: Item, message: str) -> None:
    """After the decision's commit: tell other plugins that the author has a message."""
    if message:
        hook().moderation_member_message(member=item.author, item=item, kind="decision",
                                         url=notices_path())


def approve(entry: ModerationItem, moderator: User, note: str) -> None:
    _close(entry, moderator, "approve")
    set_status(entry.item, "published", moderator, "approve", note)


def reject(entry: ModerationItem, moderator: User, message: str, note: str) -> None:
    """Not published (or taken down); the member is told why."""
    item = entry.item
    _close(entry, moderator, "reject")
    _notify(item, "reject", message)
    set_status(item, "rejected", moderator, "reject", note or message)
    _announce_message(item, message)


def edit(entry: ModerationItem, moderator: User, texts: dict[str, str], message: str, note: str) -> None:
    """Apply a moderator's edit and publish; the log says which fields changed, not the text."""
    item = entry.item
    changed = sorted(field for field, text in texts.items() if text != _current(item, field))
    assign_texts(item, texts)
    audit(moderator, "edit", item, note, fields=changed)
    _close(entry, moderator, "edit")
    _notify(item, "edit", message)
    set_status(item, "published", moderator, "edit_approve", note)
    _announce_message(item, message)


def escalate(entry: ModerationItem, moderator: User, note: str) -> None:
    entry.status = "escalated"
    audit(moderator, "escalate", entry.item or entry.user, note, entry=entry.id)
    db.session.commit()


def mark_reviewed(entry: ModerationItem, moderator: User, note: str) -> None:
    _close(entry, moderator, "reviewed")
    audit(moderator, "reviewed", entry.item or entry.user, note, entry=entry.id, kind=entry.kind)
    db.session.commit()


def _current(item: Item, field: str) -> str:
    if field == "title":
        return item.title or ""
    if field == "body":
        return item.body
    return str((item.data or {}).get(field, ""))
