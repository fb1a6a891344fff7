"""A page of replies for each commentable item, in one statement.

Replies are paginated (``[comments] per_page``, oldest first): the item's own page follows
``?page=``, a list of several items shows each one's first page. One query returns the page's
replies with their thread's total, counted by a window over the covering index
``ix_items_thread``, so neither the count nor the page reads a reply's text. Only the columns
that decide who sees a reply are loaded; ``rendering`` reads the page's texts in one query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from flask import request
from sqlalchemy import Select, bindparam, func, select

from forum.core.api import (
    SUMMARY_COLUMNS,
    Item,
    ItemSummary,
    User,
    item_url,
    page_number,
    read_rows,
    settings,
    viewer_kind,
    viewer_params,
    visible_to_any,
)

REPLY_TYPE = "reply"


@dataclass
class Thread:
    """One page of an item's visible replies."""

    number: int
    per_page: int
    total: int = 0
    replies: list[ItemSummary] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


class ReplySummary(ItemSummary):
    """A reply's bookkeeping row with its author's name and role: what its byline's cache
    key needs (``rendering``), so a page whose replies are cached reads no reply text."""

    __slots__ = ("author_name", "author_role")

    def __init__(self, row: Any) -> None:
        super().__init__(row)
        self.author_name, self.author_role = row[7], row[8]


def requested_page(parents: list[Item]) -> int:
    """``?page=`` on the item's own page; page 1 when several items share a list page."""
    if len(parents) == 1 and request.path == item_url(parents[0]):
        return page_number()
    return 1


@cache
def _page_statement(kind: str) -> Select[Any]:
    """Built once per kind of viewer: parameters ``parents``, ``first``, ``last``, ``viewer_id``."""
    numbered = (
        select(Item.id.label("reply_id"),
               func.row_number().over(partition_by=Item.parent_id,
                                      order_by=(Item.created_at, Item.id)).label("position"),
               func.count().over(partition_by=Item.parent_id).label("total"))
        .where(Item.parent_id.in_(bindparam("parents", expanding=True)), Item.type == REPLY_TYPE,
               visible_to_any(kind))
        .subquery()
    )
    return (
        select(*SUMMARY_COLUMNS, User.username, User.role, numbered.c.total)
        .join(numbered, Item.id == numbered.c.reply_id)
        .join(User, User.id == Item.author_id)
        .where(numbered.c.position.between(bindparam("first"), bindparam("last")))
        .order_by(Item.parent_id, numbered.c.position)
    )


def load_threads(parents: list[Item], viewer: User | None, number: int) -> dict[int, Thread]:
    per_page = settings()["comments"]["per_page"]
    threads = {parent.id: Thread(number, per_page) for parent in parents}
    first = (number - 1) * per_page + 1
    rows = read_rows(_page_statement(viewer_kind(viewer)), {
        "parents": list(threads), "first": first, "last": first + per_page - 1, **viewer_params(viewer)})
    for row in rows:
        reply, total = ReplySummary(row), row[-1]
        thread = threads[reply.parent_id]  # type: ignore[index]
        thread.replies.append(reply)
        thread.total = total
    return threads
