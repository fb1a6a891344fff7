"""Replies rendered in Python: a topic shows up to ``per_page`` of them, and a Jinja loop body
with macros costs ~100 µs per reply where this costs a few.

Nothing of a reply is cached across readers: its byline is in the reader's time zone and carries
badges that hosts change, and plugins wrap its body per reader (a content warning folded or not).
What the page needs per reader is looked up once per page (footers in one call, the author's own
buttons built once with a placeholder id).
"""

from __future__ import annotations

from flask import current_app, url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from forum.core.api import (
    Item,
    User,
    db,
    item_body,
    item_byline,
    item_footers,
    item_url,
)

from .threads import Thread

SLOT = "9876543210"  # an id no URL otherwise contains


def thread_html(parent: Item, thread: Thread, viewer: User | None, form: object) -> Markup:
    """The replies section under ``parent``: heading, this page of replies, pager, form."""
    parent_url = item_url(parent)
    template = current_app.jinja_env.get_template("comments/thread.html")  # compiled once, cached
    return Markup(template.render(parent=parent, thread=thread, form=form, parent_url=parent_url,
                                  replies_html=replies_html(thread.replies, parent_url, viewer)))


def replies_html(replies: list[Item], parent_url: str, viewer: User | None) -> Markup:
    texts = _texts(replies)
    footers = item_footers(replies)
    own = _own_actions_template(parent_url) if viewer and any(
        reply.author_id == viewer.id for reply in replies) else ""
    viewer_id = viewer.id if viewer else None
    return Markup("".join(
        f'<article class="reply" id="item-{reply.id}">{item_byline(texts[reply.id])}'
        f'<div class="body">{item_body(reply, texts[reply.id].body_html)}</div>'
        f'{own.replace(SLOT, str(reply.id)) if reply.author_id == viewer_id else ""}'
        f'{footers[reply.id]}</article>\n'
        for reply in replies if reply.id in texts))


def _texts(replies: list[Item]) -> dict[int, Item]:
    """The replies' text and authors, in one query (the list itself came as bookkeeping rows,
    already filtered for this reader)."""
    ids = [reply.id for reply in replies]
    if not ids:
        return {}
    statement = select(Item).options(joinedload(Item.author)).where(Item.id.in_(ids))
    return {item.id: item for item in db.session.scalars(statement)}


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
