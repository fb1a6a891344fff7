"""Replies rendered in Python from cached fragments: a topic shows up to ``per_page`` of them,
and a Jinja loop body with macros costs ~100 µs per reply where this costs a few.

A reply's byline and body are the same for every reader: they come from the fragment cache,
keyed by the reply's version. What differs per reader (the author's own edit and delete
buttons, other plugins' footers such as "Report") is added around them on each request.
"""

from __future__ import annotations

from collections.abc import Iterator

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape
from sqlalchemy import select

from forum.core.api import (
    Item,
    User,
    cached_fragments,
    db,
    item_byline,
    item_footers,
    item_url,
    visible_to,
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
    fragments = cached_fragments("reply", replies, lambda ids: _render(ids, viewer))
    footers = item_footers(replies)
    own = _own_actions_template(parent_url) if viewer and any(
        reply.author_id == viewer.id for reply in replies) else ""
    viewer_id = viewer.id if viewer else None
    return Markup("".join(
        f'<article class="reply" id="item-{reply.id}">{fragments[reply.id]}'
        f'{own.replace(SLOT, str(reply.id)) if reply.author_id == viewer_id else ""}'
        f'{footers[reply.id]}</article>\n'
        for reply in replies if reply.id in fragments))


def _render(reply_ids: list[int], viewer: User | None) -> Iterator[tuple[Item, str]]:
    """Byline and body of the replies missing from the cache, in one query."""
    for reply in db.session.scalars(select(Item).where(Item.id.in_(reply_ids), visible_to(viewer))):
        yield reply, f'{item_byline(reply)}<div class="body">{reply.body_html}</div>'


def _own_actions_template(parent_url: str) -> str:
    """The author's edit and delete buttons with a placeholder id, built once per page
    (``url_for`` costs ~50 µs, a label lookup ~20)."""
    edit, delete = escape(_("Edit")), escape(_("Delete"))
    edit_url = url_for("comments.edit", item_id=int(SLOT))
    delete_url = url_for("forum.delete_own_item", item_id=int(SLOT))
    return (
        f'<p class="actions"><a href="{edit_url}">{edit}</a> '
        f'<form method="post" action="{delete_url}" '
        f'class="inline"><input type="hidden" name="csrf_token" value="{escape(generate_csrf())}">'
        f'<input type="hidden" name="next" value="{escape(parent_url)}">'
        f'<button class="link danger">{delete}</button></form></p>'
    )
