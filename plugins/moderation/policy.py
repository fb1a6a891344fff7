"""The host's safety policy: which private entries raise alerts, merging, and ``[notify]``.

Kept apart from ``config.py`` (the screening rules' settings): these keys join the
``[moderation]`` table, and ``[notify]`` is a table of its own.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from forum.core.api import ConfigError, Section, Setting, time_zone, web_address

from .models import TIERS

EMAIL = {"pattern": r"[^@\s]+@[^@\s]+", "pattern_help": "an e-mail address such as forum@example.org"}

MODERATION_POLICY = {
    "private_alert": Setting(list, ["urgent"], "risk tiers of a PRIVATE entry that raise a content-free "
                                               "alert to moderators ([] for none)", choices=TIERS),
    "alert_merge_minutes": Setting(int, 60, "alerts about one member within this many minutes merge "
                                            "into one", minimum=0, maximum=1440),
    "collapse_distressing": Setting(bool, True, "collapse risky text in the queue behind \"show\""),
}

NOTIFY = Section({
    "smtp_host": Setting(str, "", "SMTP server for e-mail alerts (empty: no e-mail)"),
    "smtp_port": Setting(int, 25, "SMTP port", minimum=1, maximum=65535),
    "smtp_user": Setting(str, "", "SMTP user name (empty: no login)"),
    "smtp_password": Setting(str, "", "SMTP password (or FORUM_SMTP_PASSWORD)"),
    "smtp_starttls": Setting(bool, False, "use STARTTLS"),
    "email_from": Setting(str, "forum@localhost", "sender address of alert e-mails", **EMAIL),
    "webhook_url": Setting(str, "", "URL that receives a JSON POST per alert (empty: none)",
                           check=web_address),
    "base_url": Setting(str, "", "the community's address for links in alerts, e.g. "
                                 "https://forum.example.org (empty: the address of the request)",
                        check=web_address),
    "host_emails": Setting(list, [], "extra addresses told when an urgent item waits unclaimed",
                           items=str, **EMAIL),
    "escalate_after_minutes": Setting(int, 15, "tell hosts when an urgent item is unclaimed this long "
                                               "(0: never)", minimum=0, maximum=1440),
    "timezone": Setting(str, "UTC", "time zone of moderators' on-duty hours, e.g. Asia/Tokyo",
                        check=time_zone),
    "queue_url": Setting(str, "", 'job queue: "" (SQLite file in the instance folder), '
                                  '"sqlite:///path" or "redis://host:6379/0"',
                        pattern=r"((sqlite|rediss?)://\S*)?",
                        pattern_help='"", "sqlite:///path" or "redis://host:6379/0"'),
    "consumer": Setting(str, "thread", 'who runs jobs: "thread" (inside each app process) or '
                                       '"worker" (only `forum worker`)', choices=("thread", "worker")),
    "retries": Setting(int, 5, "attempts after the first before a send counts as failed",
                       minimum=0, maximum=20),
    "retry_delay_seconds": Setting(int, 60, "wait between attempts", minimum=1, maximum=86_400),
})


def extend_schema(schema: dict[str, Section]) -> dict[str, Section]:
    """The screening rules' schema plus the policy keys and ``[notify]``."""
    moderation = schema["moderation"]
    return {**schema, "moderation": Section({**moderation.settings, **MODERATION_POLICY}),
            "notify": NOTIFY}


def check_policy(settings: dict[str, dict[str, Any]], source: str) -> None:
    tiers = settings["moderation"]["private_alert"]
    if not all(tier in TIERS for tier in tiers):
        raise ConfigError(f"{source}: [moderation] private_alert is {tiers!r}; use a list of any of "
                          f"{list(TIERS)} (or [] for no alerts about private entries).")
    notify = settings["notify"]
    if settings["moderation"]["alert_merge_minutes"] < 0:
        raise ConfigError(f"{source}: [moderation] alert_merge_minutes must be 0 or more.")
    for key in ("escalate_after_minutes", "retries", "retry_delay_seconds"):
        if notify[key] < 0:
            raise ConfigError(f"{source}: [notify] {key} must be 0 or more.")
    try:
        ZoneInfo(notify["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{source}: [notify] timezone {notify['timezone']!r} is not a time zone; "
                          'use a name such as "UTC" or "Asia/Tokyo".') from None
    if notify["webhook_url"] and not notify["webhook_url"].startswith(("https://", "http://")):
        raise ConfigError(f"{source}: [notify] webhook_url must start with https:// or http://.")
