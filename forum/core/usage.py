"""One definition of "using a function", for objective usage measurement.

Each content type declares in ``ContentType.usage`` which actions count as using its function
(``write``, ``share``, ``read_others``); the core reports them here, in one place, as
``forum_usage_event(user, function)``. Signing in counts once per member and day for any
authenticated request, whether the member typed a password or came back with "keep me signed
in"; the day last reported is kept in the session so most requests write nothing.
"""

from __future__ import annotations

from flask import Flask, session
from flask_login import user_logged_in

from .auth import viewer
from .models import User, utcnow
from .state import forum_state, hook

ACTIONS = ("write", "share", "read_others")
SIGN_IN_DAY = "forum_sign_in_day"


def record_usage(user: User | None, function: str) -> None:
    """Report a use of ``function`` by ``user`` (consent is the research plugin's job)."""
    if isinstance(user, User):
        hook().forum_usage_event(user=user, function=function)


def record_use(user: User | None, content_type: str, action: str) -> None:
    """``user`` did ``action`` on an item of ``content_type``: a use of its function if the type
    declares that action (reading one's own entries, for example, is not)."""
    declared = forum_state().content_types.get(content_type)
    if declared is not None and declared.function and action in declared.usage:
        record_usage(user, declared.function)


def _count_sign_in_day() -> None:
    user = viewer()
    if user is None:
        return
    today = utcnow().date().isoformat()
    if session.get(SIGN_IN_DAY) != today:
        session[SIGN_IN_DAY] = today
        record_usage(user, "sign_in")


def _forget_day(sender: Flask, **_: object) -> None:
    """A fresh sign-in counts again on its next request (the member may have consented since)."""
    session.pop(SIGN_IN_DAY, None)


def init_usage(app: Flask) -> None:
    app.before_request(_count_sign_in_day)
    user_logged_in.connect(_forget_day, app)
