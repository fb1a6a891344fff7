"""Notifications: what happened to my posts, in the app and (optionally) by e-mail.

A member is told about replies to their items, reactions (one line per item per day; who
reacted only where the item's type takes written replies anyway, or the host allows it with
``name_reactors``), moderators' decisions on their items and moderators' messages, and check-in
messages. Never about anyone else's held or private items: only public replies and reactions
count, and a reply taken down takes its notification with it.

The navigation shows the unread count (one query per request); ``/notifications`` lists them
and marks them read. E-mail is optional: the host sets ``[notifications] email = true`` and an
SMTP server; a member gives an address and quiet hours on ``/notifications/settings``. Inside
quiet hours nothing is e-mailed (in-app only). Mail goes through the background job queue and
carries no member text.

Reactions and moderators' messages arrive through hooks the reactions and moderation plugins
declare (``reactions_given``, ``reactions_taken_back``, ``moderation_member_message``): with
either plugin absent, its notifications simply never come.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Flask, g, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from forum.core.api import ConfigError, Item, NavItem, Section, Setting, User, config_source, db, hookimpl

from . import notify
from .models import Notification, NotificationSettings

SCHEMA = Section({
    "email": Setting(bool, False, "offer members e-mail notifications (needs smtp_host)"),
    "name_reactors": Setting(bool, False, "name who reacted also on types that take reactions only"),
    "timezone": Setting(str, "UTC", "time zone of members' quiet hours, e.g. Asia/Tokyo"),
    "smtp_host": Setting(str, "", "SMTP server for notification e-mail (empty: no e-mail)"),
    "smtp_port": Setting(int, 25, "SMTP port"),
    "smtp_user": Setting(str, "", "SMTP user name (empty: no login)"),
    "smtp_password": Setting(str, "", "SMTP password (or FORUM_SMTP_PASSWORD)"),
    "smtp_starttls": Setting(bool, False, "use STARTTLS"),
    "email_from": Setting(str, "forum@localhost", "sender address"),
    "base_url": Setting(str, "", "the community's address for links in e-mail, e.g. https://forum.example.org"),
})


@hookimpl
def forum_settings_schema() -> dict[str, Section]:
    return {"notifications": SCHEMA}


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    from .views import bp

    try:
        ZoneInfo(settings["notifications"]["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{config_source()}: [notifications] timezone "
                          f"{settings['notifications']['timezone']!r} is not a time zone; use e.g. "
                          '"Asia/Tokyo" or "UTC".') from None
    app.register_blueprint(bp)


@hookimpl
def forum_after_publish(item: Item) -> None:
    if item.parent_id is not None:
        notify.reply_published(item)


@hookimpl
def forum_after_update(item: Item) -> None:
    notify.withdraw(item)


@hookimpl
def forum_after_delete(item: Item) -> None:
    notify.withdraw(item)


@hookimpl
def forum_after_moderation(item: Item, decision: str, moderator: User) -> None:
    notify.decided(item, decision, moderator)


@hookimpl
def reactions_given(item: Item, user: User) -> None:
    notify.reaction_given(item, user)


@hookimpl
def reactions_taken_back(item: Item, user: User) -> None:
    notify.reaction_taken_back(item, user)


@hookimpl
def moderation_member_message(member: User, item: Item | None, kind: str, url: str) -> None:
    notify.moderator_wrote(member, item, kind, url)


@hookimpl
def forum_nav_items(user: User | None) -> list[NavItem]:
    if user is None:
        return []
    return [NavItem(str(_l("Notifications")), url_for("notifications.index"), order=65,
                    badge=unread_count(user) or None)]


def unread_count(user: User) -> int:
    """One query per request (the navigation is built once per request)."""
    if "notifications_unread" not in g:
        g.notifications_unread = db.session.scalar(select(func.count(Notification.id)).where(
            Notification.user_id == user.id, Notification.read_at.is_(None))) or 0
    return g.notifications_unread


@hookimpl
def forum_member_export(user: User) -> dict[str, Any]:
    rows = db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                              .order_by(Notification.id))
    choice = db.session.get(NotificationSettings, user.id)
    return {"notifications": {
        "received": [{"kind": n.kind, "item": n.item_id, "count": n.count,
                      "created": n.created_at.isoformat(),
                      "read": n.read_at.isoformat() if n.read_at else None} for n in rows],
        "settings": {"email": choice.email, "quiet_start": choice.quiet_start, "quiet_end": choice.quiet_end}
        if choice else None,
    }}


@hookimpl
def forum_member_delete(user: User) -> None:
    db.session.execute(delete(Notification).where(Notification.user_id == user.id))
    db.session.execute(delete(NotificationSettings).where(NotificationSettings.user_id == user.id))
