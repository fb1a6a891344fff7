"""Outreach: a moderator claims an alert or held item, writes to the member, and resolves it.

The check-in conversation is private to the member, moderators and hosts. Every message is
screened like any member text (``screen_texts``): a BLOCK verdict refuses it, censoring applies,
and a member's reply that matches the crisis rules raises (or merges into) a safety alert.
Each step is in the audit log: claim, check-in message, member's reply, resolve with outcome.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from flask import g, has_request_context, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, exists, select

from forum.core.api import (
    Action,
    Item,
    ScreenResult,
    User,
    audit,
    db,
    hook,
    screen_texts,
    session_fact,
    utcnow,
)

from .models import CheckInMessage, ModerationItem
from .queue import has_recent_alert, open_entry, private_alert_tier, raise_alert, result_tier

OUTCOME_LABELS = {"safe": _l("Member is safe"), "referred": _l("Referred to a crisis line"),
                  "no_answer": _l("No answer")}
CONTENT_TYPE = "check_in"


class MessageRefused(Exception):
    """Screening blocked the message; ``messages`` says why, for the form."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(messages)
        self.messages = messages


def claim(entry: ModerationItem, moderator: User) -> bool:
    """``moderator`` takes the entry on; False if someone else already has."""
    if entry.claimed_by_id is not None:
        return entry.claimed_by_id == moderator.id
    entry.claimed_by_id = moderator.id
    entry.claimed_at = utcnow()
    audit(moderator, "claim", entry.user, entry=entry.id, kind=entry.kind)
    return True


def _screened(text: str, author: User) -> tuple[str, ScreenResult]:
    result = screen_texts({"body": text}, author, CONTENT_TYPE)
    if result.action is Action.BLOCK:
        raise MessageRefused(result.member_messages or [
            _("This text can't be sent. Please change it and try again.")])
    return result.texts["body"], result


def write_to_member(entry: ModerationItem, moderator: User, text: str) -> CheckInMessage:
    """A moderator's check-in message; claims the entry and marks it contacted. Commits."""
    body, _result = _screened(text, moderator)
    claim(entry, moderator)
    message = CheckInMessage(member_id=entry.user_id, author_id=moderator.id, entry_id=entry.id, body=body)
    db.session.add(message)
    if entry.contacted_at is None:
        entry.contacted_at = utcnow()
    audit(moderator, "check_in", entry.user, entry=entry.id)
    db.session.commit()
    hook().moderation_member_message(member=entry.user, item=None, kind="check_in", url=notices_path())
    return message


def notices_path() -> str:
    """The member's "Messages from moderators" page (also outside a request, e.g. ``forum demo``)."""
    return url_for("moderation.notices") if has_request_context() else "/moderation/notices"


def reply_from_member(member: User, text: str) -> ScreenResult:
    """The member answers their conversation. A risky reply alerts the moderators again. Commits."""
    body, result = _screened(text, member)
    last = latest_message(member)
    entry_id = last.entry_id if last is not None else None
    db.session.add(CheckInMessage(member_id=member.id, author_id=member.id, entry_id=entry_id, body=body))
    g.pop("moderation_conversations", None)
    # Logged as about the member, not by them: the log keeps no member as actor, so deleting
    # the account never has to touch the append-only log.
    audit(None, "check_in_reply", member, entry=entry_id)
    tier = result_tier(result.verdicts)
    entry = db.session.get(ModerationItem, entry_id) if entry_id else None
    if tier or entry is None or not entry.is_open:
        # Nobody would otherwise see it: a closed conversation needs a moderator again.
        raise_alert(member, _reply_reason(tier), None, urgent=tier == "urgent", tier=tier or "check_in")
    db.session.commit()
    return result


def _reply_reason(tier: str) -> str:
    if tier == "urgent":
        return _("The member's reply in the check-in conversation matched the urgent tier.")
    if tier == "check_in":
        return _("The member's reply in the check-in conversation matched the check-in tier.")
    return _("The member replied in a check-in conversation.")


def resolve(entry: ModerationItem, moderator: User, outcome: str, note: str) -> None:
    entry.status = "resolved"
    entry.decision = "resolve"
    entry.outcome = outcome
    entry.resolved_by_id = moderator.id
    entry.resolved_at = utcnow()
    audit(moderator, "resolve", entry.user, note, entry=entry.id, outcome=outcome)
    db.session.commit()


def conversation(member: User) -> list[CheckInMessage]:
    return list(db.session.scalars(select(CheckInMessage).where(CheckInMessage.member_id == member.id)
                                   .order_by(CheckInMessage.created_at, CheckInMessage.id)))


def latest_message(member: User) -> CheckInMessage | None:
    return db.session.scalar(select(CheckInMessage).where(CheckInMessage.member_id == member.id)
                             .order_by(CheckInMessage.created_at.desc(), CheckInMessage.id.desc()).limit(1))


CONVERSATION = "moderation_conversation"  # a session fact: moderators have written to the member


def conversation_fact() -> dict[str, Any]:
    return {CONVERSATION: exists().where(CheckInMessage.member_id == User.id)}


def has_conversation(member: User) -> bool:
    """Loaded with the signed-in member; for anyone else, once per request."""
    loaded = session_fact(member, CONVERSATION)
    if loaded is not None:
        return bool(loaded)
    known = g.setdefault("moderation_conversations", {})
    if member.id not in known:
        known[member.id] = db.session.scalar(_conversation_statement(), {"member_id": member.id}) is not None
    return known[member.id]


@cache
def _conversation_statement() -> Any:
    """Built once: the navigation asks on every signed-in page."""
    return select(CheckInMessage.id).where(CheckInMessage.member_id == bindparam("member_id")).limit(1)


# --- the crisis page's promise -----------------------------------------------------------------

WRITE_BACK = _l("They may write to you privately under “Messages from moderators”; only you and "
                "the moderators can read that conversation.")


def crisis_followup(user: User | None, item: Item | None, result: ScreenResult | None) -> str | None:
    """What really follows for this item, for the crisis page (``forum_crisis_followup``)."""
    if item is None:  # e.g. a questionnaire answer: an alert was raised, or nothing was
        if user is not None and has_recent_alert(user):
            return " ".join((_("A moderator has been alerted that you may need support."), str(WRITE_BACK)))
        return None
    if item.visibility == "private":
        return _private_followup(result)
    entry = open_entry(item.id)
    if entry is None:
        return None
    if item.status == "held":
        first = _("Your post is not public yet: a moderator has been alerted and will read it first.")
    else:
        first = _("Your post is published, and a moderator has been alerted and will read it.")
    return " ".join((first, str(WRITE_BACK)))


def _private_followup(result: ScreenResult | None) -> str:
    if result is not None and private_alert_tier(result):
        return " ".join((_("Your entry stays private: nobody else can read it. The moderators have been "
                           "told that a member may need support, but not what you wrote."), str(WRITE_BACK)))
    return _("Your entry stays private: nobody else can read it, and no moderator is told about it. "
             "If you would like to talk to someone, please use one of the services below.")
