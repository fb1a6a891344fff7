"""A thread-safe in-process store bounded by the total size of its values (least recently used
entries go first): for compressed responses and the visitors' page cache, so no cache can grow a
worker's memory without bound.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any, Protocol

DEFAULT_BYTES = 32 * 1024 * 1024


class Store(Protocol):
    """What a store offers: string values by string key, several at a time."""

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
