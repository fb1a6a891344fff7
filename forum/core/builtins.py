"""The core's own features, registered through the same hooks as any plugin."""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l

from .models import Item, User
from .plugins import hookimpl
from .types import ContentType, NavItem


def _topic_url(item: Item) -> str:
    return url_for("forum.topic", item_id=item.id)


@hookimpl
def forum_content_types() -> list[ContentType]:
    return [ContentType("discussion", str(_l("Discussion")), _topic_url, function="discussions")]


@hookimpl
def forum_nav_items(user: User | None) -> list[NavItem]:
    items = [NavItem(str(_l("Home")), url_for("forum.index"), order=0),
             NavItem(str(_l("Learn")), url_for("forum.pages"), order=80)]
    if user is not None:
        items.append(NavItem(str(_l("Your data")), url_for("account.data"), order=95))
    return items
