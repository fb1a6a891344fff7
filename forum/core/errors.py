"""Friendly error pages, and help that stays up when the rest is down.

- Bad input never shows a stack trace (4xx pages in the site's layout).
- An unexpected error rolls the session back first (so the error page itself can never fail
  with ``PendingRollbackError``), then answers 500 from the plain layout, which needs no
  database: the member sees the crisis resources even then.
- The database unreachable, refusing or too slow (``[database] timeout_seconds``): 503 with
  ``Retry-After``, from the plain layout.
- An error after the member's post was committed sends them to what was saved ("Saved."),
  never to an error page that would make them post it again.
- ``/help`` is answered before the application runs (no ``before_request``, no session
  lookup, no page cache, no database): from the configuration and a template alone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, Response, current_app, flash, g, redirect, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError

from .extensions import db
from .publishing import SAVED
from .security import HEADERS

log = logging.getLogger(__name__)

PLAIN = "forum/plain.html"  # the layout that needs no database: no navigation, no member
SITE = "forum/base.html"
DATABASE_DOWN = (OperationalError, InterfaceError, PoolTimeout)
RETRY_AFTER_SECONDS = 30

MESSAGES = {
    400: (_l("Something in that request was not right"),
          _l("Please go back, check what you entered and try again.")),
    403: (_l("You can't do that here"),
          _l("Your account doesn't have permission for this page or action.")),
    404: (_l("Page not found"), _l("This page doesn't exist, or you can't see it.")),
    405: (_l("Not allowed"), _l("This page can't be used that way.")),
    413: (_l("Too much text"), _l("What you sent is too long. Please shorten it.")),
    422: (_l("Something in that request was not right"),
          _l("Please go back, check what you entered and try again.")),
    429: (_l("Please slow down"),
          _l("You've done that many times in a short while. Please wait a minute and try again.")),
    500: (_l("Something went wrong on our side"),
          _l("Your text was not lost if you go back. Please try again in a moment.")),
    503: (_l("The forum is unavailable for a moment"),
          _l("We can't reach our database just now. Nothing you saved before is lost. If you "
             "were sending something, go back: your text is still in the form. Please try "
             "again in a few minutes.")),
}


# Posted fields that are never the member's own words.
NOT_TEXT = frozenset({"csrf_token", "next", "visibility", "sort", "page"})


def posted_text(code: int) -> str:
    """What the member typed, given back on the rate-limit page (the form was read; a 413's
    body never is)."""
    if code != 429 or request.method != "POST":
        return ""
    texts = [value.strip() for key, value in request.form.items(multi=True)
             if key not in NOT_TEXT and len(value.strip()) > 2]
    return "\n\n".join(texts)


def render_plain(template: str, **context: Any) -> str:
    """Render without the context processors (navigation, the signed-in member: the database)
    and without the request's session: only the configuration and ``context``."""
    community = current_app.extensions["forum"].settings["community"]
    return current_app.jinja_env.get_template(template).render(community=community, **context)


def crisis_context() -> dict[str, Any]:
    community = current_app.extensions["forum"].settings["community"]
    return {"crisis_message": community["crisis_message"], "resources": community["crisis_resources"]}


def help_page() -> str:
    """``/help``: the host's crisis message and resources, from the configuration alone."""
    context = crisis_context()
    return render_plain("forum/help.html", message=context.pop("crisis_message"), **context)


def render_error(code: int, detail: str | None = None) -> tuple[str, int]:
    """The error page: in the site's layout for 4xx, the plain one for 5xx (and whenever the
    site's layout cannot be drawn, e.g. the database went away while it rendered)."""
    title, message = MESSAGES.get(code, MESSAGES[400 if code < 500 else 500])
    context = {"code": code, "title": title, "message": detail or message,
               "kept_text": posted_text(code)}
    if code < 500:
        try:
            return render_template("forum/error.html", layout=SITE, **context), code
        except Exception:
            log.exception("the error page could not be drawn in the site layout")
            safe_rollback()
    return render_plain("forum/error.html", layout=PLAIN, **context, **crisis_context()), code


def safe_rollback() -> None:
    """Roll the session back; with the database gone even that may fail (the connection is
    then discarded, which is all we need)."""
    try:
        db.session.rollback()
    except Exception:
        log.warning("rollback failed; the connection is discarded", exc_info=True)
        db.session.close()


def unavailable() -> Response:
    body, code = render_error(503)
    return Response(body, code, {"Retry-After": str(RETRY_AFTER_SECONDS)}, mimetype="text/html")


def init_errors(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError) -> tuple[str, int]:
        return render_error(400, str(_l("This form expired. Please go back, reload the page and "
                                         "send it again.")))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
        if error.code is None or error.code < 400:
            return error
        if not db.session.is_active:  # a failed flush before the abort: drawing needs a query
            safe_rollback()
        # A limiter's description is its rule ("10 per 1 minute"), not words for a member.
        custom = error.description if error.description != type(error).description \
            and error.code != 429 else None
        return render_error(error.code, custom)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> Any:
        if isinstance(error, HTTPException):
            return http_error(error)
        safe_rollback()
        if app.config.get("PROPAGATE_EXCEPTIONS"):
            raise error  # tests see the real traceback
        saved = g.get(SAVED)
        if saved:
            log.exception("error after the member's change was committed", exc_info=error)
            flash(_("Saved."), "success")
            return redirect(saved)
        if isinstance(error, DATABASE_DOWN):
            log.error("database unavailable: %s", error)
            return unavailable()
        log.exception("unhandled error", exc_info=error)
        return render_error(InternalServerError.code)

    app.wsgi_app = HelpFirst(app, app.wsgi_app)  # type: ignore[method-assign]


StartResponse = Callable[..., Any]


class HelpFirst:
    """WSGI middleware: answers ``GET /help`` before Flask dispatches the request, so no
    ``before_request`` function (page cache, sign-in bookkeeping), no session lookup and no
    database stands between a person in crisis and the resources. Everything else passes on."""

    def __init__(self, app: Flask, wsgi_app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app
        self.wsgi_app = wsgi_app
        self._path: str | None = None

    def path(self) -> str:
        if self._path is None:
            rules = [rule.rule for rule in self.app.url_map.iter_rules("forum.help_now")]
            self._path = rules[0] if rules else "/help"
        return self._path

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != self.path() or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return self.wsgi_app(environ, start_response)
        # Links are relative, so the request's own Host header (however odd) plays no part.
        with self.app.test_request_context(self.path(),
                                           base_url=f"http://localhost{environ.get('SCRIPT_NAME', '')}"):
            response = Response(help_page(), mimetype="text/html")
        response.headers.update(HEADERS)
        response.headers["Cache-Control"] = "private, no-cache"
        return response(environ, start_response)
