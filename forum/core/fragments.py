"""Rendered HTML fragments, kept per (kind, item, version, language).

An item's fragment (its byline and body, say) is the same for every reader, so it is rendered
once and kept. The key holds everything the fragment depends on: the item's id, author, status,
visibility and ``updated_at`` (every text change moves it), and the interface language. A change
to the item therefore names a new key and old copies are simply never asked for again: nothing
to delete, no race between app servers. Which items a page shows is always decided by a fresh
query with ``visible_to``: a held, rejected, private or deleted item is never in that list for a
reader who may not see it, so no cache can hand its text out.

The store is in-process and bounded in bytes (least recently used entries go first), unless a
plugin installs a shared one (``use_fragment_store``; the page-cache built-in does for
``[cache] url``).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, Protocol

from flask import Flask, current_app

from .state import settings

DEFAULT_BYTES = 32 * 1024 * 1024
EXTENSION = "forum_fragments"


class Store(Protocol):
    """What a fragment store offers: string values by string key, several at a time."""

    def get_many(self, keys: list[str]) -> dict[str, str]: ...

    def set_many(self, values: Mapping[str, str], timeout: float = 0) -> None: ...


class MemoryStore:
    """A thread-safe LRU bounded by the total size of its values (``timeout`` 0: no expiry)."""

    def __init__(self, max_bytes: int = DEFAULT_BYTES) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict[str, tuple[float, Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> Any:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[0] and entry[0] < time.monotonic():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def get_many(self, keys: list[str]) -> dict[str, Any]:
        found = {}
        for key in keys:
            value = self.get(key)
            if value is not None:
                found[key] = value
        return found

    def set(self, key: str, value: Any, timeout: float = 0, size: int | None = None) -> None:
        size = len(value) if size is None else size
        if size > self.max_bytes // 4:  # one huge value must not empty the whole store
            return
        expires = time.monotonic() + timeout if timeout else 0.0
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = (expires, value, size)
            self.size += size
            while self.size > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def set_many(self, values: Mapping[str, Any], timeout: float = 0) -> None:
        for key, value in values.items():
            self.set(key, value, timeout)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.size = 0

    def _drop(self, key: str) -> None:
        self.size -= self._entries.pop(key)[2]


def use_fragment_store(app: Flask, store: Store) -> None:
    """Install a shared store (Redis, say) in place of the in-process one."""
    app.extensions[EXTENSION] = store


def fragment_store() -> Store:
    store = current_app.extensions.get(EXTENSION)
    if store is None:
        store = current_app.extensions[EXTENSION] = MemoryStore()
    return store


def version_key(kind: str, item: Any, language: str) -> str:
    """The cache key of ``item``'s ``kind`` fragment: changes whenever what it shows may.

    ``updated_at`` may be a datetime or its text as the database stores it (``ItemSummary``).
    """
    stamp = item.updated_at
    if isinstance(stamp, datetime):
        stamp = f"{stamp:%Y-%m-%d %H:%M:%S.%f}"  # as SQLite stores it
    return f"frag:{kind}:{language}:{item.id}:{item.author_id}:{item.status}:{item.visibility}:{stamp}"


def cached_fragments(kind: str, items: Iterable[Any],
                     render: Callable[[list[int]], Iterable[tuple[Any, str]]]) -> dict[int, str]:
    """Fragments of ``items`` by id: from the store, and ``render(missing ids)`` for the rest.

    ``items`` need only the columns of ``version_key``; ``render`` loads the missing ones (in
    one query) and yields (item, HTML). Each is stored under the key of the row it was
    rendered from, so a change between the two queries can only file newer text under an
    older key, which nobody asks for again.
    """
    language = settings()["community"]["language"]
    keys = {item.id: version_key(kind, item, language) for item in items}
    if not keys:
        return {}
    store = fragment_store()
    stored = store.get_many(list(keys.values()))
    found = {item_id: stored[key] for item_id, key in keys.items() if key in stored}
    missing = [item_id for item_id in keys if item_id not in found]
    if missing:
        rendered = list(render(missing))
        store.set_many({version_key(kind, item, language): html for item, html in rendered})
        found.update((item.id, html) for item, html in rendered)
    return found
