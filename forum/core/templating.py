"""Template helpers for the hot path: called once per item on pages with many items.

Jinja macros cost ~100 µs a call and ``url_for`` ~50 µs; a topic with 50 replies calls these
50+ times, so they are plain Python with the URL pattern built once per request.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from flask import g, has_request_context, url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape

from .auth import viewer
from .models import Item, User
from .state import hook, settings

_NAME_SLOT = "__name__"


def profile_url(username: str) -> str:
    pattern = g.get("forum_profile_pattern")
    if pattern is None:
        pattern = g.forum_profile_pattern = url_for("forum.profile", username=_NAME_SLOT)
    return pattern.replace(_NAME_SLOT, quote(username, safe=""))


def _tag(css_class: str, label: str) -> str:
    return f'<span class="tag {css_class}">{escape(label)}</span>'


def _status_tags(item: Item) -> str:
    # Labels are looked up outside f-strings so that Babel's extractor finds them.
    tags = []
    if item.status == "held":
        tags.append(_tag("waiting", _("Waiting for review")))
    elif item.status == "rejected":
        tags.append(_tag("rejected", _("Not published")))
    if item.visibility == "private":
        tags.append(_tag("private", _("Only you")))
    return " ".join(tags)


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")  # a zone removed from tzdata since the member chose it


# The IANA areas of the zones people live in: leaves out the old aliases ("US/Pacific", "Japan")
# and "Etc/GMT+9", whose sign is the reverse of what a reader expects (it is UTC-9).
ZONE_AREAS = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian",
              "Pacific")


@lru_cache(maxsize=1)
def time_zone_names() -> tuple[str, ...]:
    """The IANA zones this machine knows (tzdata) in the areas people live in, and UTC."""
    return ("UTC", *sorted(name for name in available_timezones() if name.split("/", 1)[0] in ZONE_AREAS))


def zone_label(name: str) -> str:
    """'Asia/Tokyo (UTC+09:00)': the offset now, so a reader need not know the zone's name."""
    offset = datetime.now(_zone(name)).strftime("%z")
    return f"{name.replace('_', ' ')} (UTC{offset[:3]}:{offset[3:]})"


def viewer_zone() -> ZoneInfo:
    """The signed-in member's own zone, else the community's ``[community] timezone``, else UTC."""
    zone = g.get("forum_zone")
    if zone is None:
        user = viewer() if has_request_context() else None  # a CLI export: the community's zone
        name = (user.timezone if user else "") or settings()["community"].get("timezone", "UTC")
        zone = g.forum_zone = _zone(name)
    return zone


def local_time_text(moment: datetime, show: str = "datetime") -> str:
    """``2026-12-02 23:42 JST`` in the reader's zone, for plain text (messages, CSV)."""
    return _local_text(moment.replace(tzinfo=UTC).astimezone(viewer_zone()), show)


def _local_text(local: datetime, show: str) -> str:
    if show == "date":
        return f"{local:%Y-%m-%d}"
    return f"{local:%Y-%m-%d %H:%M} {local.tzname() or ''}".rstrip()


def local_time(moment: datetime | None, show: str = "datetime") -> Markup:
    """The one way a stored (naive UTC) time is shown: in the reader's zone, with the zone's
    abbreviation (``2026-12-02 23:42 JST``); ``show="date"`` gives the local day only (the
    zone in its tooltip). Templates: ``{{ item.created_at|local_time }}``."""
    if moment is None:
        return Markup("")
    local = moment.replace(tzinfo=UTC).astimezone(viewer_zone())  # once: half the cost of a byline
    title = f' title="{escape(local.tzname() or "")}"' if show == "date" else ""
    return Markup(f'<time datetime="{moment:%Y-%m-%dT%H:%M}Z"{title}>'
                  f"{escape(_local_text(local, show))}</time>")


def staff_badge(author: User) -> str:
    """Moderators and hosts are marked wherever they write, so nobody can pass for one."""
    if author.role == "host":
        return " " + _tag("role-badge staff", _("Host"))
    if author.role == "moderator":
        return " " + _tag("role-badge staff", _("Moderator"))
    return ""


def author_badges(author: User) -> str:
    """The staff badge and what plugins add (``forum_author_badge``) after a name."""
    extra = "".join(f" {badge}" for badge in hook().forum_author_badge(author=author) if badge)
    return staff_badge(author) + extra


def _author_link(author: User) -> str:
    """The author's link and badges, once per author per request (a page of replies has
    a few authors, each many times)."""
    links = g.setdefault("forum_author_links", {}) if has_request_context() else {}
    key = (author.id, author.username, author.role)
    if key not in links:
        name = author.username
        links[key] = f'<a href="{escape(profile_url(name))}">{escape(name)}</a>{author_badges(author)}'
    return links[key]


def byline(item: Item) -> Markup:
    """Author link with badges, time, and status tags of an item."""
    html = f'<p class="byline">{_author_link(item.author)} · {local_time(item.created_at)}'
    tags = _status_tags(item)
    return Markup(f"{html} {tags}</p>" if tags else f"{html}</p>")


def item_footer(item: Item) -> Markup:
    """What plugins show under an item (reactions, replies), from prefetched data."""
    return item_footers([item])[item.id]


def item_footers(items: list[Any]) -> dict[int, Markup]:
    """``item_footer`` of many items by id: one hook call for the whole list."""
    footers = dict.fromkeys((item.id for item in items), Markup(""))
    for answer in hook().forum_item_footers(items=items, viewer=viewer()):
        for item_id, html in (answer or {}).items():
            footers[item_id] += html  # most items get nothing, or one plugin's footer
    return footers


def item_body(item: Item, html: Markup | str) -> Markup:
    """An item's rendered body (or a search snippet) as plugins wrap it, e.g. behind a warning."""
    return item_bodies([item], {item.id: Markup(html)})[item.id]


def item_bodies(items: list[Any], bodies: dict[int, Markup]) -> dict[int, Markup]:
    """``item_body`` of many items (``bodies``: id -> HTML): one hook call for the list."""
    wrapped: dict[int, Markup] = {}
    for answer in hook().forum_item_bodies(items=items, viewer=viewer(), bodies=bodies):
        for item_id, html in (answer or {}).items():
            wrapped.setdefault(item_id, html)  # the first plugin to wrap a body wins
    return {item_id: wrapped.get(item_id, body) for item_id, body in bodies.items()}


def field_text(item: Item, name: str, value: str) -> tuple[str, str]:
    """A data field of ``item`` for people: (its form label, the value or its choice's label),
    e.g. ("Category", "Being active") for ("category", "activity"). Falls back to the name."""
    from .state import forum_state

    content_type = forum_state().content_types.get(item.type)
    unbound = getattr(content_type.form, name, None) if content_type and content_type.form else None
    if unbound is None or not hasattr(unbound, "kwargs"):
        common = {"title": _("Title"), "body": _("Text")}  # every item has these two
        return common.get(name) or name.replace("_", " ").capitalize(), value
    label = unbound.kwargs.get("label") or (unbound.args[0] if unbound.args else name)
    for choice in unbound.kwargs.get("choices") or ():
        code, text = (choice.value, choice.label) if hasattr(choice, "value") else choice[:2]
        if code == value:
            return str(label), str(text)
    return str(label), value
