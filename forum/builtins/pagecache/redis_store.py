"""A cache store in Redis that fails open: unreachable Redis means "nothing cached", never a 500.

Every call has short socket timeouts; the first failure is logged and the store then stays
off for ``RETRY_SECONDS`` (so a dead Redis costs one timeout per pause, not one per request),
after which the next call tries again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

log = logging.getLogger(__name__)

RETRY_SECONDS = 10.0
SOCKET_TIMEOUT = 0.25
DEFAULT_TTL = 24 * 3600  # pages are versioned, so old ones only wait to expire
T = TypeVar("T")


class RedisStore:
    def __init__(self, url: str, pause: float = RETRY_SECONDS) -> None:
        """``pause``: seconds to stay off after a failure; for pages, at least their lifetime, so
        a version bump lost while Redis was away cannot bring an older page back."""
        import redis

        self.pause = max(pause, RETRY_SECONDS)
        self.url = url
        self._errors = (redis.RedisError, OSError)
        self._client = redis.Redis.from_url(url, socket_timeout=SOCKET_TIMEOUT,
                                            socket_connect_timeout=SOCKET_TIMEOUT)
        self._down_until = 0.0

    @property
    def available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _call(self, action: Callable[[], T], fallback: T) -> T:
        if not self.available:
            return fallback
        try:
            return action()
        except self._errors as error:
            self._down_until = time.monotonic() + self.pause
            log.warning("cache at %s unreachable (%s): caching is off for %.0f s", self.url, error,
                        self.pause)
            return fallback

    def get_many(self, keys: list[str]) -> dict[str, str]:
        if not keys:
            return {}
        values = self._call(lambda: self._client.mget(keys), [None] * len(keys))
        return {key: value.decode() for key, value in zip(keys, values, strict=True) if value is not None}

    def set_many(self, values: Mapping[str, str], timeout: float = 0) -> None:
        if not values:
            return

        def write() -> None:
            pipe = self._client.pipeline(transaction=False)
            for key, value in values.items():
                pipe.set(key, value, ex=int(timeout) or DEFAULT_TTL)
            pipe.execute()

        self._call(write, None)

    def get_text(self, key: str) -> str | None:
        value: Any = self._call(lambda: self._client.get(key), None)
        return value.decode() if value is not None else None

    def incr(self, key: str) -> None:
        self._call(lambda: self._client.incr(key), None)
