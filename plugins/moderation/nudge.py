"""The rephrase nudge: a reply held or flagged only for its tone goes back to its author first.

The hostility rule marks its verdicts with a gentle reason and the member's own words when the
text is of a type the host names in ``[moderation] nudge`` (replies by default). The core then
shows the form again instead of saving (``Verdict.nudge``); the author changes the words or sends
the text as it is, for review. Never for risk: a self-harm verdict keeps the crisis path, and
the core does not nudge when any verdict asks for it.

Hosts see how often a nudge ends in an edit (``forum_nudge`` counted per day, type and outcome;
no member and no text is stored).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import String, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, mapped_column

from forum.core.api import ScreenContext, Setting, Verdict, db, settings, utcnow

NUDGE_SETTING = Setting(list, ["reply"], "content types whose author is nudged to rephrase before a "
                                         "tone-only hold (the hostility rule): e.g. [\"reply\"]", items=str)
OUTCOMES = ("shown", "edited", "sent_as_is")


class NudgeCount(db.Model):
    """How many nudges were shown, and how they ended, per day and content type."""

    __tablename__ = "moderation_nudge_counts"
    __table_args__ = (UniqueConstraint("day", "content_type", "outcome",
                                       name="uq_moderation_nudge_counts_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]
    content_type: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(16))
    count: Mapped[int] = mapped_column(default=0)


def offer_rephrase(verdicts: list[Verdict], context: ScreenContext, labels: str) -> list[Verdict]:
    """The hostility rule's verdicts, with a nudge where the host wants one."""
    if context.content_type not in settings()["moderation"]["nudge"]:
        return verdicts
    reason = _("Some words here could hurt someone (%(constructs)s). A moderator would read it "
               "before anyone else sees it.", constructs=labels)
    return [replace(verdict, nudge=reason) for verdict in verdicts]


def count_nudge(content_type: str, outcome: str) -> None:
    """One more nudge outcome today (``forum_nudge``); commits its own row."""
    if outcome not in OUTCOMES:
        return
    today = utcnow().date()
    row = db.session.scalar(select(NudgeCount).where(
        NudgeCount.day == today, NudgeCount.content_type == content_type, NudgeCount.outcome == outcome))
    if row is None:
        row = NudgeCount(day=today, content_type=content_type, outcome=outcome, count=0)
        db.session.add(row)
    row.count += 1
    db.session.commit()


def nudge_figures(now: datetime, days: int = 30) -> dict[str, int | None]:
    """Nudges shown in the last ``days``, how many ended in an edit or were sent as they were,
    and the share that ended in an edit (percent; None before the first nudge)."""
    since = (now - timedelta(days=days)).date()
    rows = db.session.execute(select(NudgeCount.outcome, func.sum(NudgeCount.count))
                              .where(NudgeCount.day >= since).group_by(NudgeCount.outcome)).all()
    figures: dict[str, int | None] = {outcome: 0 for outcome in OUTCOMES}
    figures.update({outcome: int(total or 0) for outcome, total in rows})
    shown = figures["shown"] or 0
    figures["edited_percent"] = round(100 * (figures["edited"] or 0) / shown) if shown else None
    figures["days"] = days
    return figures
