"""The search backend interface, and what flows through it (documents, scopes, results).

A backend stores analysed documents (see ``text``) and answers term queries for one
viewer. It never decides what is indexable: ``index`` does, from the database.
"""

from __future__ import annotations

import os
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from .text import SearchQuery

# Processes a full rebuild analyses documents in (both backends): the cores, at most four.
REBUILD_WORKERS = max(1, min(4, os.cpu_count() or 1))

SORTS = ("best", "newest")


@dataclass(frozen=True)
class SearchDoc:
    """One published item as the index sees it."""

    item_id: int
    type: str
    author_id: int
    visibility: str  # "community" (everyone) or "private" (the author only)
    status: str
    created_at: datetime
    title: str
    text: str  # every member-written field, the title included


@dataclass(frozen=True)
class Scope:
    """Whose search this is: the viewer (None when signed out) and the listed content types."""

    viewer_id: int | None
    types: tuple[str, ...]
    hidden_authors: frozenset[int] = frozenset()  # members the viewer muted or blocked


@dataclass(frozen=True)
class SearchResults:
    item_ids: list[int]  # this page, in order
    total: int


class IndexBusy(RuntimeError):
    """Another process held the index for longer than we were willing to wait."""


class IndexWriter(Protocol):
    """Changes made inside ``SearchBackend.writer()``; applied together when it exits."""

    def index(self, doc: SearchDoc) -> None: ...

    def delete(self, item_id: int) -> None: ...


class SearchBackend(ABC):
    """Where search documents live. Writers are exclusive across processes."""

    name: str

    @abstractmethod
    def writer(self, wait: float, replace_all: bool = False) -> AbstractContextManager[IndexWriter]:
        """Hold the index exclusively (waiting up to ``wait`` seconds, else ``IndexBusy``).

        Changes are applied when the block exits without error; ``replace_all`` discards every
        document not written inside the block (a rebuild).
        """

    @abstractmethod
    def search(self, query: SearchQuery, scope: Scope, page: int, per_page: int,
               sort: str) -> SearchResults:
        """Item ids matching every query term that ``scope`` may see: public, or its own private."""

    @abstractmethod
    def indexed_ids(self) -> set[int]:
        """Every item id the index holds a document for (``forum reindex --verify``)."""

    def index(self, doc: SearchDoc, wait: float = 5.0) -> None:
        with self.writer(wait) as writer:
            writer.index(doc)

    def delete(self, item_id: int, wait: float = 5.0) -> None:
        with self.writer(wait) as writer:
            writer.delete(item_id)

    def clear(self, wait: float = 5.0) -> None:
        with self.writer(wait, replace_all=True):
            pass


def backoff_delays(wait: float, first: float = 0.005, cap: float = 0.2) -> Iterator[float]:
    """Sleep lengths for retrying a lock: doubling from ``first``, at most ``wait`` in all."""
    deadline = time.monotonic() + wait
    delay = first
    while (left := deadline - time.monotonic()) > 0:
        yield min(delay, left)
        delay = min(delay * 2, cap)


def acquire_with_backoff(try_acquire: Callable[[], bool], wait: float) -> None:
    """Call ``try_acquire`` until it succeeds, backing off; ``IndexBusy`` after ``wait`` seconds."""
    if try_acquire():
        return
    for delay in backoff_delays(wait):
        time.sleep(delay)
        if try_acquire():
            return
    raise IndexBusy(f"the search index stayed locked for {wait:.1f}s")
