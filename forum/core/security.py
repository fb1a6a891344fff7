"""Response headers that make every page safer, cache rules, HTTPS and reverse proxies."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, Request, Response, current_app, g, request, session
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import BadRequest, HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from .state import settings

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


# Control characters no one types (NUL breaks PostgreSQL text); tab and line breaks stay.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A host name as RFC 1123 allows (labels of at most 63 characters), with an optional port.
VALID_HOST = re.compile(r"^(?=.{1,253}(:|$))[A-Za-z0-9_](?:[A-Za-z0-9_\-]{0,61}[A-Za-z0-9_])?"
                        r"(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_\-]{0,61}[A-Za-z0-9_])?)*\.?(?::\d{1,5})?$"
                        r"|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$")


def strip_controls(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


class CleanValues(ImmutableMultiDict):  # type: ignore[type-arg]
    """Form fields and query values without control characters: the one place member input
    enters, so no stored text (or search, or sign-in name) ever holds a NUL."""

    def __init__(self, mapping: Any = None) -> None:
        if isinstance(mapping, Iterable) and not isinstance(mapping, dict | str):
            mapping = [(key, strip_controls(value) if isinstance(value, str) else value)
                       for key, value in mapping]
        super().__init__(mapping)


class ForumRequest(Request):
    """Every member form is text fields: a JSON body or a file part is seen as an empty form
    (Flask-WTF would hand a dict, a list or an upload to the fields, and validators would 500),
    so the page answers 422 with the form like any incomplete submission."""

    parameter_storage_class = CleanValues

    @property
    def is_json(self) -> bool:
        return False

    @property
    def files(self) -> ImmutableMultiDict[str, Any]:  # type: ignore[override]
        return ImmutableMultiDict()

    def _load_form_data(self) -> None:
        try:
            super()._load_form_data()
        except HTTPException:
            raise
        except Exception as error:  # the server's own parse errors (a bad chunked body)
            raise BadRequest() from error


WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def refuse_bad_hosts(wsgi_app: WsgiApp) -> WsgiApp:
    """A Host header no server could have (a 300-character label) is a 400, before any URL is
    built from it."""

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        host = environ.get("HTTP_HOST")
        if host is not None and not VALID_HOST.match(host):
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"Bad Request: the Host header is not a valid host name.\n"]
        return wsgi_app(environ, start_response)

    return app


class DatabaseInteger(IntegerConverter):
    """``<int:...>`` in URLs matches only ids a database column can hold (2^31 - 1 on
    PostgreSQL): a larger one is a 404, not an overflow in the query."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def bound_url_ids(app: Flask) -> None:
    """Call before any blueprint is registered (rules take their converter when added)."""
    app.url_map.converters["int"] = DatabaseInteger


HSTS = "max-age=31536000"  # a year; hosts add includeSubDomains/preload at their proxy if they wish


def init_security(app: Flask) -> None:
    security = app.extensions["forum"].settings["security"]
    app.request_class = ForumRequest
    app.wsgi_app = refuse_bad_hosts(app.wsgi_app)  # type: ignore[method-assign]
    if security["behind_proxy"] > 0:
        # The real client address (rate limits, one bucket per person) and scheme come from
        # the proxies' headers; trusting more hops than there are proxies lets clients lie.
        hops = security["behind_proxy"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=security["https"],
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=security["https"],
        SEND_FILE_MAX_AGE_DEFAULT=7 * 24 * 3600,  # static files are cacheable for a week
        MAX_CONTENT_LENGTH=256 * 1024,  # no member form needs more
    )

    @app.after_request
    def add_headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if settings()["security"]["https"]:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if request.endpoint != "static" and not request.path.startswith("/static"):
            response.headers.setdefault("Cache-Control", _page_cache_rule())
        return response


def _page_cache_rule() -> str:
    """A signed-in member's pages can hold their diary, answers and export: no browser or proxy
    may store them (``no-store``). Visitors' pages are public text: revalidate, never share."""
    return "no-store" if _maybe_signed_in() else "private, no-cache"


def _maybe_signed_in() -> bool:
    """Signed in, or carrying what could sign in: decided without the database, so an error
    page during an outage still gets its headers (and an unsure case is never stored)."""
    user = g.get("_login_user")
    if user is not None:
        return bool(user.is_authenticated)
    remember = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    return "_user_id" in session or remember in request.cookies
