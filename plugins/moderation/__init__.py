"""Moderation: screening rules, the review queue, members' reports, safety alerts, audit log.

- Screening: each rule in ``rules/`` (self-harm, hostility, contact details, the host's
  watched words) is its own pluggy plugin answering ``forum_screen``, registered here at
  configure time with its patterns compiled. The core applies the verdicts (hold, crisis
  page, censor, block) according to ``[community] moderation``.
- Queue: held items, flagged items, members' reports and safety alerts, urgent first.
  Moderators approve, reject with a message, edit then publish, escalate, or mark reviewed;
  every decision is in the append-only audit log. Private items never enter the queue.
- Members: a "Report" link under others' public items; moderators' messages about their own
  items (under the item and on "Messages from moderators").
- Outreach (``outreach.py``): from an alert or held item a moderator claims the entry, writes
  to the member in a private check-in conversation, and resolves it with an outcome. A risky
  PRIVATE entry raises a content-free alert when the host's policy says so; alerts about one
  member within a window merge. The crisis page says what really follows (``forum_crisis_followup``).
- Alerts outside the app (``notify.py``): e-mail to the moderators on duty and a JSON webhook,
  sent by background jobs; unclaimed urgent entries escalate to hosts. Queue health for hosts
  (``health.py``, ``/moderation/health``).

Config: ``[moderation] rules``, ``allowed_contacts``, ``[moderation.words] block/hold/flag/censor``;
``[moderation] private_alert``, ``alert_merge_minutes``, ``collapse_distressing``; ``[notify]``.
"""

from __future__ import annotations

from typing import Any

import click
from flask import Flask, render_template, url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import delete, func, select

from forum.core.api import (
    Item,
    NavItem,
    ScreenResult,
    Section,
    User,
    config_source,
    configure_jobs,
    db,
    hookimpl,
    register_plugin,
    worker_command,
)

from . import (
    footer,
    hookspecs,  # noqa: F401  (the core adds the hooks this plugin declares)
    sandbox,
)
from .cli import screen_command
from .config import SCHEMA, check
from .models import CheckInMessage, MemberNotice, ModerationItem, ModeratorDuty, Report
from .nudge import count_nudge
from .outreach import conversation_fact, crisis_followup, has_conversation
from .policy import check_policy, extend_schema
from .queue import forget_reporter, queue_count, record_alert, record_screening, withdraw
from .rules import RULES


@hookimpl
def forum_settings_schema() -> dict[str, Section]:
    return sandbox.extend(extend_schema(SCHEMA))


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    from .views import bp

    check(settings, config_source())
    check_policy(settings, config_source())
    sandbox.configure(settings, config_source())
    for name in settings["moderation"]["rules"]:
        register_plugin(RULES[name](settings), name=f"moderation.{name}")
    app.register_blueprint(bp)
    notify = settings["notify"]
    configure_jobs(app, queue_url=notify["queue_url"], consumer=notify["consumer"],
                   retries=notify["retries"], retry_delay=notify["retry_delay_seconds"])


@hookimpl
def forum_review_queue() -> bool:
    return True  # held items wait in /moderation/ for a moderator


@hookimpl
def forum_after_screen(item: Item, result: ScreenResult, is_new: bool) -> None:
    record_screening(item, result, is_new)


@hookimpl
def forum_after_delete(item: Item) -> None:
    if item.status == "deleted":  # soft delete; a deleted account's items are gone already
        withdraw(item)
        db.session.commit()


@hookimpl
def forum_safety_alert(user: User, reason: str, item: Item | None, urgent: bool) -> None:
    record_alert(user, reason, item, urgent)


@hookimpl
def forum_nudge(user: User, content_type: str, outcome: str) -> None:
    count_nudge(content_type, outcome)


@hookimpl
def forum_crisis_followup(user: User | None, item: Item | None, result: ScreenResult | None) -> str | None:
    return crisis_followup(user, item, result)


@hookimpl
def forum_session_facts() -> dict[str, Any]:
    return conversation_fact()


@hookimpl
def forum_nav_items(user: User | None) -> list[NavItem]:
    if user is None:
        return []
    if not user.is_moderator:
        if not has_conversation(user):
            return []
        return [NavItem(str(_l("Messages from moderators")), url_for("moderation.notices"), order=70)]
    return [NavItem(str(_l("Review queue")), url_for("moderation.queue"), order=70,
                    badge=queue_count() or None)]


@hookimpl
def forum_prepare_items(items: list[Item], viewer: User | None) -> None:
    """Which items the viewer reported, and moderators' messages on the viewer's own items."""
    footer.prepare(items, viewer)


@hookimpl
def forum_item_footers(items: list[Item], viewer: User | None) -> dict[int, Markup]:
    return footer.footers(items, viewer)


@hookimpl
def forum_profile_sections(user: User, viewer: User | None) -> list[Markup]:
    if viewer is None or viewer.id != user.id:
        return []
    count = db.session.scalar(select(func.count(MemberNotice.id)).where(MemberNotice.user_id == user.id))
    conversation = has_conversation(user)
    if not (count or conversation):
        return []
    return [Markup(render_template("moderation/_profile.html", count=count, conversation=conversation))]


@hookimpl
def forum_member_export(user: User) -> dict[str, Any]:
    reports = db.session.scalars(select(Report).where(Report.reporter_id == user.id).order_by(Report.id))
    notices = db.session.scalars(select(MemberNotice).where(MemberNotice.user_id == user.id)
                                 .order_by(MemberNotice.id))
    check_ins = db.session.scalars(select(CheckInMessage).where(CheckInMessage.member_id == user.id)
                                   .order_by(CheckInMessage.created_at, CheckInMessage.id))
    return {"moderation": {
        "reports_made": [{"item": r.item_id, "category": r.category, "note": r.note,
                          "created": r.created_at.isoformat()} for r in reports],
        "messages_from_moderators": [{"item": n.item_id, "decision": n.decision, "message": n.message,
                                      "created": n.created_at.isoformat()} for n in notices],
        "check_in_conversation": [{"from": "you" if m.from_member else "moderator", "message": m.body,
                                   "created": m.created_at.isoformat()} for m in check_ins],
    }}


@hookimpl
def forum_member_delete(user: User) -> None:
    forget_reporter(user)
    db.session.execute(delete(Report).where(Report.reporter_id == user.id))
    db.session.execute(delete(MemberNotice).where(MemberNotice.user_id == user.id))
    db.session.execute(delete(CheckInMessage).where(CheckInMessage.member_id == user.id))
    db.session.execute(delete(ModeratorDuty).where(ModeratorDuty.user_id == user.id))
    db.session.execute(delete(ModerationItem).where(ModerationItem.user_id == user.id))


@hookimpl
def forum_cli(cli: click.Group) -> None:
    cli.add_command(screen_command)
    cli.add_command(worker_command)


@hookimpl(trylast=True)  # after the other plugins' samples: see demo.py
def forum_demo_content(users: dict[str, User], settings: dict[str, dict[str, Any]]) -> None:
    from .demo import add_demo_content

    add_demo_content(users, settings["community"]["language"])


@hookimpl
def forum_audit_actions() -> dict[str, str]:
    return {"approve": _l("Approved"), "reject": _l("Rejected"), "edit": _l("Edited"),
            "edit_approve": _l("Edited and published"), "escalate": _l("Escalated to host"),
            "reviewed": _l("Marked reviewed"), "withdrawn": _l("Withdrawn by the author"),
            "alert": _l("Safety alert raised"), "claim": _l("Claimed"), "check_in": _l("Wrote to the member"),
            "check_in_reply": _l("The member replied"), "resolve": _l("Resolved"),
            "escalate_unclaimed": _l("Unclaimed: hosts notified"),
            "auto_hide": _l("Hidden after reports from members")}
