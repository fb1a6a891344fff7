"""Alerts outside the app: e-mail to the moderators on duty, a JSON webhook, escalation to hosts.

Nothing here carries member text: a message names the community and links to the queue entry.
Sending runs in background jobs (``forum.core.api.enqueue``), after the request's commit, with
retries; the escalation is a delayed job that tells the hosts if the entry is still unclaimed.
"""

from __future__ import annotations

import json
import urllib.request
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import has_request_context, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from forum.core.api import User, audit, db, enqueue, job_handler, send_mail, settings, utcnow

from .models import ModerationItem, ModeratorDuty

EMAIL = "moderation.email"
WEBHOOK = "moderation.webhook"
ESCALATE = "moderation.escalate"
TIMEOUT_SECONDS = 10


# --- who is told ---------------------------------------------------------------------------------

def local_minute(now: datetime) -> int:
    """Minutes after midnight of the UTC time ``now`` in the community's time zone."""
    local = now.replace(tzinfo=ZoneInfo("UTC")).astimezone(ZoneInfo(settings()["notify"]["timezone"]))
    return local.hour * 60 + local.minute


def on_duty_addresses(now: datetime) -> list[str]:
    """E-mail addresses of moderators and hosts on duty at ``now``."""
    minute = local_minute(now)
    rows = db.session.scalars(select(ModeratorDuty).join(User, User.id == ModeratorDuty.user_id)
                              .where(ModeratorDuty.email != "", User.role.in_(("moderator", "host"))))
    return sorted({row.email for row in rows if row.on_duty_at(minute)})


def host_addresses() -> list[str]:
    """Hosts' own addresses (whatever their hours) and ``[notify] host_emails``."""
    rows = db.session.scalars(select(ModeratorDuty.email).join(User, User.id == ModeratorDuty.user_id)
                              .where(ModeratorDuty.email != "", User.role == "host"))
    return sorted({*rows, *settings()["notify"]["host_emails"]})


def channels() -> tuple[bool, bool]:
    """(e-mail configured, webhook configured)."""
    notify = settings()["notify"]
    return bool(notify["smtp_host"]), bool(notify["webhook_url"])


def entry_link(entry_id: int) -> str:
    base = settings()["notify"]["base_url"].rstrip("/")
    path = f"/moderation/queue/{entry_id}"
    if base or not has_request_context():
        return base + path
    return url_for("moderation.entry", entry_id=entry_id, _external=True)


# --- what is sent ------------------------------------------------------------------------------

def announce_urgent(entry: ModerationItem) -> None:
    """An entry just became urgent: tell the moderators on duty, and check back for a claim later.

    Runs inside the caller's transaction (the jobs go out with its commit). Without e-mail or a
    webhook configured nothing is queued: the review queue's badge is then the only signal.
    """
    email, webhook = channels()
    if not (email or webhook):
        return
    link = entry_link(entry.id)
    community = settings()["community"]["name"]
    recipients = on_duty_addresses(utcnow()) or host_addresses()
    subject = _("%(community)s: an urgent entry waits in the review queue", community=community)
    body = _("A member may need support. Please open the review queue and claim the entry:\n\n%(link)s\n\n"
             "This message contains no member text.", link=link)
    _send(recipients, subject, body, {"event": "urgent", "entry": entry.id, "kind": entry.kind,
                                      "tier": entry.tier or "urgent", "link": link})
    minutes = settings()["notify"]["escalate_after_minutes"]
    if minutes:
        escalation = {
            "entry": entry.id, "minutes": minutes, "link": link,
            "subject": _("%(community)s: an urgent entry has waited %(num)d minutes unclaimed",
                         community=community, num=minutes),
            "body": _("Nobody has claimed an urgent entry in the review queue for %(num)d minutes. "
                      "Please open it now:\n\n%(link)s\n\nThis message contains no member text.",
                      num=minutes, link=link),
        }
        enqueue(ESCALATE, escalation, delay=minutes * 60)


def _send(recipients: list[str], subject: str, body: str, event: dict[str, Any]) -> None:
    email, webhook = channels()
    if email and recipients:
        enqueue(EMAIL, {"to": recipients, "subject": subject, "body": body})
    if webhook:
        event = {"community": settings()["community"]["name"], "text": subject, **event}
        enqueue(WEBHOOK, {"url": settings()["notify"]["webhook_url"], "json": event})


@job_handler(ESCALATE)
def escalate_unclaimed(payload: dict[str, Any]) -> None:
    """The delayed check: still open and unclaimed after the limit, so the hosts are told."""
    entry = db.session.get(ModerationItem, payload["entry"])
    if entry is None or not entry.is_open or entry.claimed_by_id is not None:
        return
    audit(None, "escalate_unclaimed", entry.user, entry=entry.id, minutes=payload["minutes"])
    _send(host_addresses(), payload["subject"], payload["body"],
          {"event": "escalated", "entry": entry.id, "minutes": payload["minutes"], "link": payload["link"]})
    db.session.commit()


@job_handler(EMAIL)
def send_email(payload: dict[str, Any]) -> None:
    send_mail(settings()["notify"], payload["to"], payload["subject"], payload["body"])


@job_handler(WEBHOOK)
def post_webhook(payload: dict[str, Any]) -> None:
    request = urllib.request.Request(payload["url"], data=json.dumps(payload["json"]).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
        response.read()
