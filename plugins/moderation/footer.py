"""Under each item: "Report" for other members' posts, and moderators' messages on one's own.

Called once per list of items (a topic page's 50 replies in one call): plain Python with the
labels and the URL pattern looked up once per request, and the viewer's reports and notices
for the whole page read in one query (``overlay``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from flask import g, url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape
from sqlalchemy import bindparam, literal, null, select, union_all

from forum.core.api import Item, User, read_rows

from .models import MemberNotice, Report

SLOT = "9876543210"  # an id no URL otherwise contains


class _Page:
    """What every footer of one request shares: items still to look up, labels, the URL pattern."""

    def __init__(self) -> None:
        self.pending: list[Item] = []
        self.text: dict[str, Any] = {}


def prepare(items: list[Item], viewer: User | None) -> None:
    """Mark the items; ``overlay`` reads their data at the first footer of the request, in one
    query for every item prepared so far (a topic and its replies are prepared in two calls)."""
    page = g.setdefault("moderation_page", _Page())
    for item in items:
        item.extras["moderation"] = {"reported": False, "notices": [], "page": page}
        if viewer is not None:
            page.pending.append(item)


@cache
def _overlay_statement() -> Any:
    """Built once: the viewer's reports on ``others`` and the notices on their ``own`` items."""
    reported = select(Report.item_id, literal(0).label("kind"), null().label("message"),
                      null().label("at"), null().label("notice_id")).where(
        Report.reporter_id == bindparam("viewer_id"), Report.item_id.in_(bindparam("others", expanding=True)))
    notices = select(MemberNotice.item_id, literal(1), MemberNotice.message, MemberNotice.created_at,
                     MemberNotice.id).where(MemberNotice.user_id == bindparam("viewer_id"),
                                            MemberNotice.item_id.in_(bindparam("own", expanding=True)))
    return union_all(reported, notices).order_by("kind", "at", "notice_id")


def overlay(items: list[Item], viewer: User) -> None:
    """``item.extras["moderation"]``: whether the viewer reported it, and notices to its author."""
    others = [i.id for i in items if i.is_public and i.author_id != viewer.id]
    own = [i.id for i in items if i.author_id == viewer.id]
    if not (others or own):
        return
    rows = read_rows(_overlay_statement(), {"viewer_id": viewer.id, "others": others, "own": own})
    by_id = {item.id: item for item in items}
    for item_id, kind, message, _at, _notice_id in rows:
        extras = by_id[item_id].extras["moderation"]
        if kind == 0:
            extras["reported"] = True
        else:
            extras["notices"].append(message)


def footers(items: list[Item], viewer: User | None) -> dict[int, Markup]:
    """The footer of each of ``items`` that has one, by id (a page's replies in one call)."""
    prepared = [item for item in items if "moderation" in item.extras]
    if viewer is None or not prepared:
        return {}
    page = prepared[0].extras["moderation"]["page"]
    if page.pending:
        overlay(page.pending, viewer)
        page.pending = []
    text = page.text or _texts(page)
    found = {}
    for item in prepared:
        html = _footer(item, viewer, text)
        if html:
            found[item.id] = Markup(html)
    return found


def _footer(item: Item, viewer: User, text: dict[str, Any]) -> str:
    extras = item.extras["moderation"]
    html = "".join(
        f'\n<aside class="notice" aria-label="{text["notice_label"]}">\n'
        f'  <p><strong>{text["notice_lead"]}</strong></p>\n  <p class="text">{escape(message)}</p>\n</aside>'
        for message in extras["notices"])
    if item.is_public and item.author_id != viewer.id:
        link = (text["reported"] if extras["reported"] else
                f'<a href="{text["url"].replace(SLOT, str(item.id))}" rel="nofollow" '
                f'aria-label="{text["report_label"]}">{text["report"]}</a>')
        html += f'\n<p class="actions report">{link}</p>'
    return html


def _texts(page: _Page) -> dict[str, Any]:
    """Escaped labels and the report URL pattern, once per request."""
    page.text.update({
            "url": url_for("moderation.report", item_id=int(SLOT)),
            "notice_label": escape(_("Message from a moderator")),
            "notice_lead": escape(_("A moderator wrote to you:")),
            "reported": escape(_("You reported this post.")),
            "report_label": escape(_("Report this post to the moderators")),
            "report": escape(_("Report")),
        })
    return page.text
