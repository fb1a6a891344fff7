"""Micro-cache of whole pages for visitors who are not signed in (a built-in plugin).

A visitor without cookies sees the same page as every other such visitor, so the rendered
page is kept for a few seconds and served again without touching the database. Any change to
content (publish, edit, moderation, deletion) moves a version number that is part of every
key, so older pages are never served again; reaction counts may lag by at most
``[cache] anonymous_seconds``. Signed-in members, forms (which carry a CSRF cookie) and error
pages are never cached.

Where the version lives decides who sees a change at once: with ``[cache] url`` (Redis) every
app server shares it; without, it is a file in the instance folder, shared by every worker
of this machine (an in-process counter would let the other workers serve a rejected post
until their copy expired). The key is taken before the page is rendered: a page rendered
while a moderator rejects a post is filed under the old version, which nobody asks for again.

Memory is bounded: in-process, pages live in a byte-bounded LRU store (``page_megabytes``).
If Redis cannot be reached, the cache is off
(logged, retried after a pause): pages are rendered as if it were not configured, never a 500.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, g, request, session

from forum.core.api import MemoryStore, Section, Setting, hookimpl

from .redis_store import RedisStore

log = logging.getLogger(__name__)
EXTENSION = "forum_page_cache"
VERSION_KEY = "forum:pages:version"
VERSION_FILE = "pagecache.version"


@hookimpl
def forum_settings_schema() -> dict[str, Section]:
    return {"cache": Section({
        "anonymous_seconds": Setting(int, 10, "seconds a page for visitors stays cached (0: off)",
                                     minimum=0, maximum=3600),
        "url": Setting(str, "", "shared cache (redis://host:6379/0); empty: in-process",
                       pattern=r"(rediss?://\S+)?", pattern_help="redis://host:6379/0, or leave it empty"),
        "page_megabytes": Setting(int, 16, "in-process memory for visitors' pages, per worker",
                                  minimum=1, maximum=4096),
    })}


class PageCache:
    """Pages by (version, path); the version in Redis or in a file of the instance folder."""

    def __init__(self, app: Flask, config: dict[str, Any]) -> None:
        self.seconds = config["anonymous_seconds"]
        self.redis = RedisStore(config["url"], pause=self.seconds) if config["url"] else None
        self.pages = self.redis or MemoryStore(config["page_megabytes"] * 1024 * 1024)
        self.version_file = Path(app.instance_path) / VERSION_FILE
        self._seen_version = ""

    def version(self) -> str:
        if self.redis is not None:
            return self.redis.get_text(VERSION_KEY) or "0"
        try:
            stat = os.stat(self.version_file)
        except OSError:
            return "0"
        version = f"{stat.st_ino}.{stat.st_mtime_ns}"
        if version != self._seen_version and isinstance(self.pages, MemoryStore):
            self.pages.clear()  # every page kept so far is of an older version
            self._seen_version = version
        return version

    def bump(self) -> None:
        if self.redis is not None:
            self.redis.incr(VERSION_KEY)
            return
        # A new file (new inode) replaces the old one atomically: every worker sees the change.
        self.version_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.version_file.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(str(os.getpid()), encoding="utf-8")
        os.replace(temporary, self.version_file)


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    config = settings["cache"]
    if config["anonymous_seconds"] <= 0:
        return
    cache = PageCache(app, config)
    app.extensions[EXTENSION] = cache
    # Registered first, so the hit is served before any other before_request work.
    app.before_request_funcs.setdefault(None, []).insert(0, lambda: _serve_cached(cache))
    app.after_request(lambda response: _store(cache, response))


def _eligible() -> bool:
    return request.method == "GET" and not request.cookies and request.authorization is None


def _serve_cached(cache: PageCache) -> Response | None:
    if not _eligible():
        return None
    g.page_cache_key = key = f"forum:page:{cache.version()}:{request.full_path}"
    stored = cache.pages.get_many([key]).get(key)
    if stored is None:
        return None
    return Response(stored, content_type="text/html; charset=utf-8",
                    headers={"Vary": "Cookie", "X-Page-Cache": "hit"})


def _store(cache: PageCache, response: Response) -> Response:
    if request.method != "GET" or request.cookies:
        return response
    response.vary.add("Cookie")
    key = g.get("page_cache_key")
    # The session cookie is written after after_request functions: ask the session itself.
    cacheable = (key is not None and response.status_code == 200
                 and "Set-Cookie" not in response.headers
                 and not session.modified and not session
                 and response.mimetype == "text/html" and not response.direct_passthrough
                 and request.endpoint != "static" and "X-Page-Cache" not in response.headers)
    if cacheable:
        cache.pages.set_many({key: response.get_data(as_text=True)}, timeout=cache.seconds)
    return response


def invalidate() -> None:
    cache = current_app.extensions.get(EXTENSION)
    if cache is not None:
        cache.bump()


@hookimpl
def forum_after_publish(item: Any) -> None:
    invalidate()


@hookimpl
def forum_after_update(item: Any) -> None:
    invalidate()


@hookimpl
def forum_after_delete(item: Any) -> None:
    invalidate()


@hookimpl
def forum_after_moderation(item: Any, decision: str, moderator: Any, reason: str) -> None:
    invalidate()
