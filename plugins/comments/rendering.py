"""Replies rendered in Python: a topic shows up to ``per_page`` of them, and a Jinja loop body
with macros costs ~100 µs per reply where this costs a few.

A public reply's byline and stored body are kept in a bounded in-process store, keyed by
everything they are made of: the reply's version, status and visibility, its author's name,
role and badges, the reader's language and time zone. An edit, a moderation decision, a
rename or a new badge makes a new key, so nothing stale or hidden is served: the list of
replies itself is read for each reader with ``visible_to`` before any key is looked up, and
only published community replies are ever stored. What differs per reader is added on every
request: ``forum_item_bodies`` (a content warning folded or not), the author's own buttons and
the plugins' footers (reports, reactions), each looked up once per page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from flask import current_app, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup, escape
from sqlalchemy import Select, bindparam, select

from forum.core.api import (
    Item,
    MemoryStore,
    User,
    author_badges,
    item_bodies,
    item_byline,
    item_footers,
    item_url,
    read_rows,
    viewer_zone,
)

from .threads import ReplySummary, Thread

STORE = "comments_reply_parts"
REPLY_FIELDS = "comments_reply_fields"  # the empty reply box by language

SLOT = "9876543210"  # an id no URL otherwise contains


def thread_html(parent: Item, thread: Thread, viewer: User | None, may_reply: bool,
                refusal: str | None = None) -> Markup:
    """The replies section under ``parent``: heading, this page of replies, pager, and the form
    (or, for a member who may not post now, why not)."""
    parent_url = item_url(parent)
    template = current_app.jinja_env.get_template("comments/thread.html")  # compiled once, cached
    return Markup(template.render(parent=parent, thread=thread, parent_url=parent_url,
                                  reply_field=_reply_field() if may_reply and not refusal else None,
                                  refusal=refusal if may_reply else None,
                                  replies_html=replies_html(thread.replies, parent_url, viewer)))


def _reply_field() -> Markup:
    """The empty reply box (label, hint, textarea) by the core's ``field`` macro, rendered once
    per language: it is the same for every reader (the form's CSRF token and key are fields
    of their own), and a WTForms form with the macro costs ~0.2 ms a page."""
    fields: dict[str, Markup] = current_app.extensions[REPLY_FIELDS]
    locale = str(get_locale())
    if locale not in fields:
        from .forms import ReplyForm

        macros = current_app.jinja_env.get_template("forum/_macros.html").module
        fields[locale] = Markup(macros.field(ReplyForm(formdata=None, meta={"csrf": False}).body))
    return fields[locale]


def replies_html(replies: list[ReplySummary], parent_url: str, viewer: User | None) -> Markup:
    parts = _cached_parts(replies)
    replies = [reply for reply in replies if reply.id in parts]
    bodies = item_bodies(replies, {reply.id: Markup(parts[reply.id][1]) for reply in replies})
    footers = item_footers(replies)
    own = _own_actions_template(parent_url) if viewer and any(
        reply.author_id == viewer.id for reply in replies) else ""
    viewer_id = viewer.id if viewer else None
    return Markup("".join(
        f'<article class="reply" id="item-{reply.id}">{parts[reply.id][0]}'
        f'<div class="body">{bodies[reply.id]}</div>'
        f'{own.replace(SLOT, str(reply.id)) if reply.author_id == viewer_id else ""}'
        f'{footers[reply.id]}</article>\n'
        for reply in replies))


def _cached_parts(replies: list[ReplySummary]) -> dict[int, tuple[str, str]]:
    """(byline, stored body) of each reply: from the store, else from one query (then kept)."""
    store: MemoryStore = current_app.extensions[STORE]
    reader = f"{get_locale()}|{viewer_zone().key}"
    badges: dict[int, str] = {}
    keys = {reply.id: _key(reply, reader, badges) for reply in replies}
    parts = {reply_id: part for reply_id, key in keys.items() if (part := store.get(key)) is not None}
    missing = [reply for reply in replies if reply.id not in parts]
    for reply_id, text in _texts(missing).items():
        parts[reply_id] = part = (str(item_byline(text)), text.body_html)
        if text.status == "published" and text.visibility == "community":
            store.set(keys[reply_id], part, size=len(part[0]) + len(part[1]))
    return parts


def _key(reply: ReplySummary, reader: str, badges: dict[int, str]) -> str:
    if reply.author_id not in badges:  # once per author on the page
        author = _Author(reply.author_id, reply.author_name, reply.author_role)
        badges[reply.author_id] = author_badges(author)
    return (f"{reply.id}|{reply.updated_at}|{reply.status}|{reply.visibility}|{reply.author_id}|"
            f"{reply.author_name}|{reply.author_role}|{badges[reply.author_id]}|{reader}")


@dataclass(frozen=True, slots=True)
class _Author:
    """What a byline reads of an author (``item_byline`` duck-types ``User``)."""

    id: int
    username: str
    role: str


@dataclass(frozen=True, slots=True)
class _ReplyText:
    """What a reply's article reads, from a Core row: no ORM ``Item`` per reply (~50 µs each)."""

    id: int
    body_html: str
    created_at: datetime
    status: str
    visibility: str
    author: _Author


def _texts(replies: list[Item]) -> dict[int, _ReplyText]:
    """The replies' text and authors, in one query (the list itself came as bookkeeping rows,
    already filtered for this reader)."""
    ids = [reply.id for reply in replies]
    if not ids:
        return {}
    rows = read_rows(_texts_statement(), {"ids": ids})
    return {row.id: _ReplyText(row.id, row.body_html, row.created_at, row.status, row.visibility,
                               _Author(row.author_id, row.username, row.role)) for row in rows}


@cache
def _texts_statement() -> Select[Any]:
    return (select(Item.id, Item.body_html, Item.created_at, Item.status, Item.visibility,
                   Item.author_id, User.username, User.role)
            .join(User, User.id == Item.author_id)
            .where(Item.id.in_(bindparam("ids", expanding=True))))


def _own_actions_template(parent_url: str) -> str:
    """The author's edit and delete buttons with a placeholder id, built once per page
    (``url_for`` costs ~50 µs, a label lookup ~20)."""
    edit, delete = escape(_("Edit")), escape(_("Delete"))
    edit_url = url_for("comments.edit", item_id=int(SLOT))
    delete_url = url_for("forum.delete_own_item", item_id=int(SLOT), next=parent_url)
    return (
        f'<div class="actions"><a href="{edit_url}">{edit}</a> '
        f'<a class="danger" href="{delete_url}">{delete}</a></div>'  # the core's page asks first
    )
