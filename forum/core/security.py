"""Response headers that make every page safer, cache rules, HTTPS and reverse proxies."""

from __future__ import annotations

from flask import Flask, Response, request
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

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


HSTS = "max-age=31536000"  # a year; hosts add includeSubDomains/preload at their proxy if they wish


def init_security(app: Flask) -> None:
    security = app.extensions["forum"].settings["security"]
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
    return "no-store" if current_user.is_authenticated else "private, no-cache"
