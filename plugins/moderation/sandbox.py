"""New-member sandbox (``screened`` mode): a new member's first community items wait for a
moderator until ``sandbox_items`` of theirs were approved (then they are trusted), and an item
reported by ``hide_after_reports`` different members is hidden until a moderator decides.

The first is a screening rule like any other (its verdict holds, and the queue says why); the
second follows a member's report. Both are off (0) by default.
"""

from __future__ import annotations

from typing import Any

from flask import g
from flask_babel import gettext as _
from sqlalchemy import func, select

from forum.core.api import (
    Action,
    Item,
    ScreenContext,
    Section,
    Setting,
    User,
    Verdict,
    audit,
    db,
    hook,
    hookimpl,
    register_plugin,
    settings,
)

from .models import Report

SETTINGS = {
    "sandbox_items": Setting(int, 0, '"screened" mode: hold each new member\'s community items for '
                                     "review until this many were approved (0: off)", minimum=0, maximum=100),
    "hide_after_reports": Setting(int, 0, "hide a published item, pending review, once this many "
                                          "different members reported it (0: never)", minimum=0, maximum=100),
}


def extend(schema: dict[str, Section]) -> dict[str, Section]:
    moderation = schema["moderation"]
    return {**schema, "moderation": Section({**moderation.settings, **SETTINGS})}


def configure(config: dict[str, dict[str, Any]], source: str) -> None:
    moderation = config["moderation"]
    if moderation["sandbox_items"] and config["community"]["moderation"] == "screened":
        register_plugin(SandboxRule(moderation["sandbox_items"]), name="moderation.sandbox")


def approved_items(user: User) -> int:
    """How many of the member's community items are published (once per request)."""
    cache = g.setdefault("moderation_approved_items", {})
    if user.id not in cache:
        cache[user.id] = db.session.scalar(select(func.count(Item.id)).where(
            Item.author_id == user.id, Item.status == "published", Item.visibility == "community"))
    return cache[user.id]


class SandboxRule:
    """Holds what a member not yet trusted writes; an approved item edited stays trusted."""

    def __init__(self, items: int) -> None:
        self.items = items

    @hookimpl
    def forum_screen(self, text: str, context: ScreenContext) -> list[Verdict]:
        user, item = context.user, context.item
        if user is None or user.is_moderator or context.content_type == "user":
            return []
        # An item once public (approved, or written when trusted) stays trusted when edited;
        # a private entry being shared never was public.
        if (item is not None and item.published_at is not None) or approved_items(user) >= self.items:
            return []
        return [Verdict("sandbox", Action.HOLD, _(
            "New member: one of their first %(num)d posts, read before others see it.", num=self.items),
            member_message=_("Welcome! A moderator reads a new member's first posts before others see "
                             "them. This is for everyone's safety, not because of what you wrote."))]


def after_report(item: Item) -> bool:
    """Hide ``item`` pending review once enough members reported it (in the transaction).

    True if it was hidden: the caller commits, then ``announce_hidden``.
    """
    limit = settings()["moderation"]["hide_after_reports"]
    if not limit or item.status != "published":
        return False
    reporters = db.session.scalar(select(func.count(func.distinct(Report.reporter_id)))
                                  .where(Report.item_id == item.id))
    if reporters < limit:
        return False
    item.status = "held"
    audit(None, "auto_hide", item, _("Reported by %(num)d members; hidden until a moderator decides.",
                                     num=reporters), reports=reporters)
    return True


def announce_hidden(item: Item) -> None:
    """After commit: the item left the feeds and the search index."""
    hook().forum_after_update(item=item)
