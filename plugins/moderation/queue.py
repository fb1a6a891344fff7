"""What enters the review queue, and how moderators list it.

Entries come from three places: screening (``record_screening``, from ``forum_after_screen``),
members' reports (``record_report``) and safety alerts (``record_alert``). At most one entry
per item is open; new findings merge into it, and alerts about one member within the host's
``alert_merge_minutes`` merge into one. Private items never enter the queue, and an entry whose
item becomes private or is deleted leaves it: moderators never see private text. A risky private
entry raises at most a content-free alert, for the tiers in ``[moderation] private_alert``.
An entry that becomes urgent tells the moderators on duty (``notify.announce_urgent``).
An urgent entry whose item is withdrawn stays as an alert without the text, because the
member may still be at risk.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload
from sqlalchemy.sql import ColumnElement

from forum.core.api import (
    Action,
    AuditEvent,
    Item,
    ScreenResult,
    User,
    Verdict,
    audit,
    db,
    settings,
    utcnow,
    visible_to,
)

from .models import OPEN_STATUSES, ModerationItem, Report
from .notify import announce_urgent

REPORT_SEVERITY = {"worries": 4, "hurtful": 3, "other": 2}
HISTORY_LENGTH = 8


def finding(rule: str, action: str, reason: str, field: str = "") -> dict[str, str]:
    return {"rule": rule, "action": action, "reason": reason, "field": field}


def _from_verdict(verdict: Verdict) -> dict[str, str]:
    return finding(verdict.rule, verdict.action.name.lower(), verdict.reason, verdict.field)


def _merge(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A new list (so SQLAlchemy sees the change) with each finding once."""
    merged = list(old)
    merged += [entry for entry in new if entry not in merged]
    return merged


def result_tier(verdicts: list[Verdict]) -> str:
    """The highest risk tier among ``verdicts``; an urgent verdict without a tier is urgent."""
    tiers = {verdict.tier or ("urgent" if verdict.urgent else "") for verdict in verdicts}
    return next((tier for tier in ("urgent", "check_in") if tier in tiers), "")


def private_alert_tier(result: ScreenResult) -> str:
    """The tier of a private entry's screening if the host's policy raises an alert for it, else ""."""
    tier = result_tier(result.verdicts)
    return tier if tier in settings()["moderation"]["private_alert"] else ""


def open_entry(item_id: int) -> ModerationItem | None:
    return db.session.scalar(select(ModerationItem).where(
        ModerationItem.item_id == item_id, ModerationItem.status.in_(OPEN_STATUSES)))


# --- entering the queue ------------------------------------------------------------------------

def record_screening(item: Item, result: ScreenResult, is_new: bool) -> None:
    """Queue a held item, or a published one a rule flagged (inside the caller's transaction)."""
    if item.visibility == "private":
        withdraw(item)
        tier = private_alert_tier(result)
        if tier:
            raise_alert(item.author, private_alert_reason(tier), None, urgent=tier == "urgent", tier=tier)
        return
    findings = [_from_verdict(v) for v in result.verdicts if v.action >= Action.FLAG]
    entry = open_entry(item.id)
    if item.status == "held" and not is_new and _was_rejected(item):
        # The core holds a rejected post its author edits; say why it is back.
        findings.append(finding("edited", "hold", _(
            "The author edited it after a moderator had rejected it.")))
    if item.status == "held" or findings:
        severity = max((v.severity for v in result.verdicts if v.action >= Action.FLAG), default=1)
        _enter(entry, item, findings, urgent=result.urgent, severity=severity,
               tier=result_tier(result.verdicts))
    elif entry is not None and entry.kind == "held":
        # Screened mode: the author edited a held item into one that publishes. A moderator
        # still looks at it (the first version was held for a reason).
        entry.kind = "flag"
        entry.rules = _merge(entry.rules, [finding("edited", "flag", _(
            "The author edited it after it was held; the new text was published."))])


def _was_rejected(item: Item) -> bool:
    return db.session.scalar(select(ModerationItem.id).where(
        ModerationItem.item_id == item.id, ModerationItem.decision == "reject").limit(1)) is not None


def _enter(entry: ModerationItem | None, item: Item, findings: list[dict[str, str]], *,
           urgent: bool, severity: int, tier: str) -> ModerationItem:
    if entry is None:
        entry = ModerationItem(kind="flag", item_id=item.id, user_id=item.author_id, rules=[],
                               severity=severity, urgent=False)
        db.session.add(entry)
    if item.status == "held":
        entry.kind = "held"
    elif entry.kind == "held":
        entry.kind = "flag"
    entry.severity = max(entry.severity or 1, severity)
    entry.rules = _merge(entry.rules or [], findings)
    entry.tier = _higher_tier(entry.tier, tier)
    _set_urgent(entry, urgent)
    return entry


def _higher_tier(old: str, new: str) -> str:
    return "urgent" if "urgent" in (old, new) else old or new


def _set_urgent(entry: ModerationItem, urgent: bool) -> None:
    """Mark ``entry`` urgent; the first time, tell the moderators on duty (after the commit)."""
    if not urgent or entry.urgent:
        return
    entry.urgent = True
    db.session.flush()  # the entry's id goes into the link
    announce_urgent(entry)


def record_report(item: Item, reporter: User, category: str, note: str) -> bool:
    """Add a member's report and queue the item; False if this member already reported it."""
    if db.session.scalar(select(Report.id).where(Report.item_id == item.id,
                                                 Report.reporter_id == reporter.id)):
        return False
    db.session.add(Report(item_id=item.id, reporter_id=reporter.id, category=category, note=note))
    entry = open_entry(item.id)
    if entry is None:
        entry = ModerationItem(kind="report", item_id=item.id, user_id=item.author_id, rules=[])
        db.session.add(entry)
    _set_urgent(entry, category == "worries")
    entry.severity = max(entry.severity or 1, REPORT_SEVERITY[category])
    reason = report_label(category) + (f": {note}" if note else "")
    # Whose words the reason quotes: they leave with the member (forget_reporter).
    entry.rules = [*(entry.rules or []), {**finding("report", "report", reason), "reporter_id": reporter.id}]
    try:
        db.session.commit()
    except IntegrityError:  # the same member, twice at once: the unique constraint decides
        db.session.rollback()
        return False
    return True


def forget_reporter(user: User) -> None:
    """A deleted member's report notes leave the queue entries they were merged into."""
    reported = select(Report.item_id).where(Report.reporter_id == user.id)
    for entry in db.session.scalars(select(ModerationItem).where(ModerationItem.item_id.in_(reported))):
        entry.rules = [rule for rule in entry.rules or [] if rule.get("reporter_id") != user.id]


REPORT_LABELS = {"worries": _l("This worries me (someone may be at risk)"),
                 "hurtful": _l("This is hurtful"), "other": _l("Something else")}


def report_label(category: str) -> str:
    return str(REPORT_LABELS[category])


def record_alert(user: User, reason: str, item: Item | None, urgent: bool) -> ModerationItem:
    """A safety alert about a member (e.g. PHQ-9 item 9). Committed at once: it must not be lost."""
    entry = raise_alert(user, reason, item, urgent, tier="urgent" if urgent else "check_in")
    db.session.commit()
    return entry


def raise_alert(user: User, reason: str, item: Item | None, urgent: bool, tier: str) -> ModerationItem:
    """Open a safety alert about ``user``, or merge into the one opened within the host's window.

    Two PHQ-9 answers a second apart, or a private entry and a questionnaire answer, make one
    alert (and one notification). No commit: the caller's transaction carries it.
    """
    shown_item = item if item is not None and item.visibility == "community" else None
    entry = _recent_alert(user)
    if entry is None:
        entry = ModerationItem(kind="alert", user_id=user.id, rules=[], urgent=False, severity=1)
        db.session.add(entry)
        audit(None, "alert", user, reason, tier=tier)
    if shown_item is not None and entry.item_id is None:
        entry.item_id = shown_item.id
    entry.severity = max(entry.severity or 1, 5 if urgent else 3)
    entry.rules = _merge(entry.rules or [], [finding("alert", "alert", reason)])
    entry.tier = _higher_tier(entry.tier, tier)
    _set_urgent(entry, urgent)
    return entry


def _recent_alert(user: User) -> ModerationItem | None:
    since = utcnow() - timedelta(minutes=settings()["moderation"]["alert_merge_minutes"])
    return db.session.scalar(
        select(ModerationItem).where(ModerationItem.user_id == user.id, ModerationItem.kind == "alert",
                                     ModerationItem.status.in_(OPEN_STATUSES),
                                     ModerationItem.created_at >= since)
        .order_by(ModerationItem.created_at.desc()).limit(1))


def has_recent_alert(user: User) -> bool:
    return _recent_alert(user) is not None


def private_alert_reason(tier: str) -> str:
    """The whole of what moderators learn about a risky private entry: no text, no title."""
    if tier == "urgent":
        return _("A member may need support: a private entry matched the urgent tier.")
    return _("A member may need support: a private entry matched the check-in tier.")


def withdraw(item: Item) -> None:
    """The author deleted the item or made it private: it leaves the queue (no commit)."""
    entry = open_entry(item.id)
    if entry is None:
        return
    if entry.urgent:
        entry.kind = "alert"
        entry.item_id = None
        entry.rules = [finding("alert", "alert", _(
            "An urgent post was deleted or made private by its author before review. The member "
            "may still need support."))]
        return
    entry.status = "resolved"
    entry.decision = "withdrawn"
    entry.resolved_at = utcnow()


# --- reading the queue -------------------------------------------------------------------------

def _reviewable() -> ColumnElement[bool]:
    """Open entries whose item (if any) moderators may see: never private, never deleted."""
    return and_(
        ModerationItem.status.in_(OPEN_STATUSES),
        or_(ModerationItem.item_id.is_(None),
            and_(Item.visibility == "community", Item.status != "deleted")),
    )


def queue_query() -> Select[Any]:
    """Urgent first, then oldest first."""
    return (
        select(ModerationItem)
        .outerjoin(Item, ModerationItem.item_id == Item.id)
        .where(_reviewable())
        .options(joinedload(ModerationItem.item), joinedload(ModerationItem.user))
        .order_by(ModerationItem.urgent.desc(), ModerationItem.created_at, ModerationItem.id)
    )


def queue_count() -> int:
    """One COUNT for the navigation badge."""
    query = (select(func.count(ModerationItem.id))
             .outerjoin(Item, ModerationItem.item_id == Item.id).where(_reviewable()))
    return db.session.scalar(query) or 0


def reviewable_entry(entry_id: int, lock: bool = False) -> ModerationItem | None:
    """One entry, open or not, as long as its item is not private or deleted.

    ``lock`` (for a decision) holds the row until the commit, so two moderators deciding at
    the same moment are served one after the other (PostgreSQL; SQLite locks the database).
    """
    query = select(ModerationItem).outerjoin(Item, ModerationItem.item_id == Item.id).where(
        ModerationItem.id == entry_id,
        or_(ModerationItem.item_id.is_(None),
            and_(Item.visibility == "community", Item.status != "deleted")))
    if lock:
        query = query.with_for_update(of=ModerationItem)
    return db.session.scalar(query)


def author_history(author: User, moderator: User) -> tuple[list[Item], list[AuditEvent]]:
    """The member's recent items a moderator may see, and recent decisions about them."""
    items = list(db.session.scalars(
        select(Item).where(Item.author_id == author.id, visible_to(moderator))
        .order_by(Item.created_at.desc(), Item.id.desc()).limit(HISTORY_LENGTH)))
    about_item = and_(AuditEvent.target_type != "user", AuditEvent.target_id == Item.id)
    decisions = list(db.session.scalars(
        select(AuditEvent).outerjoin(Item, about_item)
        .where(or_(Item.author_id == author.id,
                   and_(AuditEvent.target_type == "user", AuditEvent.target_id == author.id)))
        .options(joinedload(AuditEvent.actor))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(HISTORY_LENGTH)))
    return items, decisions
