"""Keeping the search index in step with the database, and reading it back safely.

Writes go through an outbox table. A hook only records "item N changed" (a database row,
committed), then tries to drain the outbox: under the index's exclusive writer it reads
the queued ids and the items' *current* rows, and indexes or removes each one. Why:

- No lost updates: the item is read after the lock is taken, so whichever process writes
  last writes the latest state, whatever order concurrent requests finish in.
- No LockError in a request: the writer lock is retried with backoff for ``write_wait``
  seconds; if another process still holds it, the ids simply stay queued and the next
  drain (the next write or search, or ``forum reindex``) applies them.
- The index is a cache of the database: ``forum reindex`` rebuilds it from the items table.

Only published items are indexed; private ones carry their author, and a search filters on
(community or own private) in the index query and again with ``visible_to`` in SQL.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from markupsafe import Markup
from sqlalchemy import and_, delete, exists, func, or_, select
from sqlalchemy.orm import Mapped, aliased, mapped_column

from forum.core.api import (
    ConfigError,
    Item,
    User,
    db,
    forum_state,
    hidden_authors,
    settings,
    utcnow,
    visible_to,
)

from .backend import IndexBusy, Scope, SearchBackend, SearchDoc
from .postgres import PostgreSQLBackend
from .text import SearchQuery
from .whoosh import WhooshBackend

log = logging.getLogger(__name__)

EXTENSION = "forum_search"
DRAIN_BATCH = 500
DRAIN_BATCHES = 10  # batches one drain applies under one hold of the writer lock
REINDEX_BATCH = 1000
REINDEX_WAIT = 120.0


class SearchOutbox(db.Model):
    """Items whose index entry may be stale; removed once the index reflects them."""

    __tablename__ = "search_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(index=True)
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)


# Backend ----------------------------------------------------------------------------------


def make_backend(app: Flask, config: dict[str, Any]) -> SearchBackend:
    """The configured backend; PostgreSQL search needs a PostgreSQL database."""
    if config["backend"] == "postgresql":
        if not str(app.config["SQLALCHEMY_DATABASE_URI"]).startswith("postgresql"):
            raise ConfigError(
                f"{forum_source(app)}: [search] backend = \"postgresql\" needs a PostgreSQL database, "
                "but [database] url is not one. Fix: use backend = \"whoosh\", or a postgresql:// URL."
            )
        return PostgreSQLBackend()
    folder = Path(config["index_dir"] or "search")
    return WhooshBackend(folder if folder.is_absolute() else Path(app.instance_path) / folder)


def forum_source(app: Flask) -> str:
    return app.extensions["forum"].source


def backend() -> SearchBackend:
    return current_app.extensions[EXTENSION]


def search_settings() -> dict[str, Any]:
    return settings()["search"]


def listed_types() -> tuple[str, ...]:
    return tuple(forum_state().content_types)


# Documents --------------------------------------------------------------------------------

DOC_COLUMNS = (Item.id, Item.type, Item.author_id, Item.title, Item.body, Item.body_html, Item.data,
               Item.status, Item.visibility, Item.created_at)


def plain_body(body: str, body_html: str) -> str:
    """The body as readers see it: rendered Markdown without its tags (no link URLs, no **)."""
    return Markup(body_html).striptags() if body_html else body


# Choice codes ("activity", "prefer_not_to_say") and dates in ``item.data`` are not words a
# member wrote: searching "female" must not find every profile, nor a snippet show "activity".
CODE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*|\d{4}-\d{2}-\d{2}")


def content_text(body: str, body_html: str, data: dict[str, Any] | None) -> str:
    """Body plus every member-written text field of ``item.data`` (exercise answers), one per
    line; choice codes and dates are left out."""
    fields = [plain_body(body, body_html)]
    fields += [value for value in (data or {}).values()
               if isinstance(value, str) and not CODE.fullmatch(value.strip())]
    return "\n".join(field for field in fields if field.strip())


def _doc(row: Any) -> SearchDoc:
    title = row.title or ""
    body = content_text(row.body, row.body_html, row.data)
    return SearchDoc(item_id=row.id, type=row.type, author_id=row.author_id,
                     visibility=row.visibility, status=row.status, created_at=row.created_at,
                     title=title, text=f"{title}\n{body}" if title else body)


def indexable() -> Any:
    """Published items of the types an enabled plugin lists (others have no page to link to),
    whose parent, if any, the community can still see: a reply under a rejected, deleted or
    unshared topic leaves search with it."""
    parent = aliased(Item)
    parent_public = exists().where(parent.id == Item.parent_id, parent.status == "published",
                                   parent.visibility == "community")
    return and_(Item.status == "published", Item.type.in_(listed_types()),
                or_(Item.parent_id.is_(None), parent_public))


def with_children(item_ids: Iterable[int]) -> list[int]:
    """The items and their direct children (replies), whose indexability follows the parent."""
    ids = list(item_ids)
    if not ids:
        return []
    children = db.session.scalars(select(Item.id).where(Item.parent_id.in_(ids)))
    return list(dict.fromkeys([*ids, *children]))


def load_docs(item_ids: Iterable[int]) -> dict[int, SearchDoc]:
    """Current documents for the given items; ids missing from the result leave the index."""
    rows = db.session.execute(select(*DOC_COLUMNS).where(Item.id.in_(list(item_ids)), indexable()))
    return {row.id: _doc(row) for row in rows}


def all_docs() -> Iterator[SearchDoc]:
    """Every indexable item, streamed in batches (bounded memory on 100,000 items).

    One query read in batches, not a keyset page per batch: the filter leads the planner to
    the listing index, so each page would sort every published item again (quadratic).
    """
    statement = (select(*DOC_COLUMNS).where(indexable()).order_by(Item.id)
                 .execution_options(yield_per=REINDEX_BATCH))
    for rows in db.session.execute(statement).partitions():
        yield from (_doc(row) for row in rows)


# Outbox -----------------------------------------------------------------------------------


def queue(item_ids: Iterable[int], commit: bool = True) -> None:
    """Record that these items' index entries may be stale."""
    db.session.add_all(SearchOutbox(item_id=item_id) for item_id in item_ids)
    if commit:
        db.session.commit()


def has_pending() -> bool:
    return db.session.scalar(select(SearchOutbox.id).limit(1)) is not None


def drain(wait: float | None = None) -> bool:
    """Apply queued changes to the index. False if it stayed busy (they remain queued).

    Deletes exactly the outbox rows it read: a row committed meanwhile (on PostgreSQL a lower
    id can commit after a higher one) stays for the next drain.
    """
    if not has_pending():
        return True
    wait = search_settings()["write_wait"] if wait is None else wait
    try:
        with backend().writer(wait) as writer:
            for _batch in range(DRAIN_BATCHES):
                if _apply_batch(writer) < DRAIN_BATCH:
                    break
        db.session.commit()
    except IndexBusy as busy:
        db.session.rollback()
        log.warning("search index busy; %s: changes stay queued for the next drain", busy)
        return False
    return True


def _apply_batch(writer: Any) -> int:
    """Index or remove the items of the oldest queued rows; delete those rows; how many."""
    rows = db.session.execute(select(SearchOutbox.id, SearchOutbox.item_id)
                              .order_by(SearchOutbox.id).limit(DRAIN_BATCH)).all()
    item_ids = list(dict.fromkeys(row.item_id for row in rows))
    docs = load_docs(item_ids)
    for item_id in item_ids:
        if item_id in docs:
            writer.index(docs[item_id])
        else:
            writer.delete(item_id)
    if rows:
        db.session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_([row.id for row in rows])))
    return len(rows)


def item_changed(item: Item) -> None:
    """Hook target: re-read ``item`` and its replies into the index (added, changed, hidden or
    deleted).

    Always queued anew, even when a row for the item is already waiting: a drain running now
    may have read that row and the item's state before this change committed.
    """
    queue(with_children([item.id]))
    drain()


def reindex() -> int:
    """Rebuild the whole index from the database; returns the number of documents."""
    count = 0
    with backend().writer(REINDEX_WAIT, replace_all=True) as writer:
        # Changes queued before now are covered by this rebuild; later ones stay queued.
        covered = db.session.scalar(select(func.max(SearchOutbox.id)))
        for doc in all_docs():
            writer.index(doc)
            count += 1
        if covered is not None:
            db.session.execute(delete(SearchOutbox).where(SearchOutbox.id <= covered))
    db.session.commit()
    return count


@dataclass(frozen=True)
class Verification:
    missing: list[int]  # indexable items without a document
    stale: list[int]  # documents of items that are no longer indexable

    @property
    def ok(self) -> bool:
        return not self.missing and not self.stale


def verify(wait: float = REINDEX_WAIT) -> Verification:
    """Compare the index with the database, after applying every change still queued."""
    while has_pending():
        if not drain(wait):
            raise IndexBusy(f"the search index stayed locked for {wait:.1f}s")
    expected = set(db.session.scalars(select(Item.id).where(indexable())))
    indexed = backend().indexed_ids()
    return Verification(sorted(expected - indexed), sorted(indexed - expected))


# Reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchPage:
    items: list[Item]  # visible items of this page, in result order
    total: int


def find(query: SearchQuery, viewer: User | None, page: int, sort: str) -> SearchPage:
    """One page of results ``viewer`` may see, checked twice: in the index and in SQL."""
    try:
        drain(wait=0)  # apply anything a busy index left queued, if the index is free now
    except Exception:  # a write that fails must not take reading down: the rows stay queued
        log.exception("search index drain failed; changes stay queued")
        db.session.rollback()
    per_page = search_settings()["per_page"]
    scope = Scope(viewer.id if viewer else None, listed_types(), hidden_authors(viewer))
    results = backend().search(query, scope, page, per_page, sort)
    if not results.item_ids:
        return SearchPage([], results.total)
    # The listed types are checked here, not in SQL: given them, SQLite scans the feed index
    # instead of looking the ten ids up by primary key.
    condition = and_(Item.id.in_(results.item_ids), visible_to(viewer), Item.status == "published")
    found = {item.id: item for item in db.session.scalars(select(Item).where(condition))
             if item.type in scope.types}
    return SearchPage([found[i] for i in results.item_ids if i in found], results.total)
