"""Micro-cache of whole pages for visitors who are not signed in (a built-in plugin).

A visitor without cookies sees the same page as every other such visitor, so the rendered
page is kept for a few seconds and served again without touching the database. Any change to
content (publish, edit, moderation, deletion) moves a version number, which empties the cache
at once; reaction counts may lag by at most ``[cache] anonymous_seconds``. Signed-in members,
forms (which carry a CSRF cookie) and error pages are never cached. Storage is in-process, or
Redis (``[cache] url``) when several app servers must agree.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, request, session
from flask_caching import Cache

from forum.core.api import Section, Setting, hookimpl

VERSION_KEY = "forum:pages:version"


@hookimpl
def forum_settings_schema() -> dict[str, Section]:
    return {"cache": Section({
        "anonymous_seconds": Setting(int, 10, "seconds a page for visitors stays cached (0: off)",
                                     minimum=0, maximum=3600),
        "url": Setting(str, "", "shared cache (redis://host:6379/0); empty: in-process",
                       pattern=r"(rediss?://\S+)?", pattern_help="redis://host:6379/0, or leave it empty"),
    })}


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    seconds = settings["cache"]["anonymous_seconds"]
    if seconds <= 0:
        return
    url = settings["cache"]["url"]
    cache = Cache(app, config={"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": url} if url
                  else {"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": 2000})
    app.extensions["forum_page_cache"] = cache
    # Registered first, so the hit is served before any other before_request work.
    app.before_request_funcs.setdefault(None, []).insert(0, lambda: _serve_cached(cache))
    app.after_request(lambda response: _store(cache, response, seconds))


def _eligible() -> bool:
    return request.method == "GET" and not request.cookies and request.authorization is None


def _key(cache: Cache) -> str:
    version = cache.get(VERSION_KEY) or 0
    return f"forum:page:{version}:{request.full_path}"


def _serve_cached(cache: Cache) -> Response | None:
    if not _eligible():
        return None
    stored = cache.get(_key(cache))
    if stored is None:
        return None
    body, content_type = stored
    return Response(body, content_type=content_type, headers={"Vary": "Cookie", "X-Page-Cache": "hit"})


def _store(cache: Cache, response: Response, seconds: int) -> Response:
    if request.method != "GET" or request.cookies:
        return response
    response.vary.add("Cookie")
    # The session cookie is written after after_request functions: ask the session itself.
    cacheable = (response.status_code == 200 and "Set-Cookie" not in response.headers
                 and not session.modified and not session
                 and response.mimetype == "text/html" and not response.direct_passthrough
                 and request.endpoint != "static")
    if cacheable and "X-Page-Cache" not in response.headers:
        cache.set(_key(cache), (response.get_data(), response.content_type), timeout=seconds)
    return response


def invalidate() -> None:
    from flask import current_app

    cache = current_app.extensions.get("forum_page_cache")
    if cache is not None:
        # INCR is atomic in Redis; in-process the version is per worker, like what it caches.
        cache.cache.inc(VERSION_KEY)


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
