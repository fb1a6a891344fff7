"""Friendly error pages: bad input never shows a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

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


def render_error(code: int, detail: str | None = None) -> tuple[str, int]:
    title, message = MESSAGES.get(code, MESSAGES[400 if code < 500 else 500])
    return render_template("forum/error.html", code=code, title=title, message=detail or message,
                           kept_text=posted_text(code)), code


def init_errors(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError) -> tuple[str, int]:
        return render_error(400, str(_l("This form expired. Please go back, reload the page and "
                                         "send it again.")))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
        if error.code is None or error.code < 400:
            return error
        # A limiter's description is its rule ("10 per 1 minute"), not words for a member.
        custom = error.description if error.description != type(error).description \
            and error.code != 429 else None
        return render_error(error.code, custom)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception) -> tuple[str, int]:
        if isinstance(error, HTTPException):
            return http_error(error)  # type: ignore[return-value]
        if app.config.get("PROPAGATE_EXCEPTIONS"):
            raise error  # tests see the real traceback
        log.exception("unhandled error", exc_info=error)
        return render_error(InternalServerError.code)
