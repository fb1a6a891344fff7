"""The forum with one more page, which renders nothing: what any request costs the forum before
a page's own work (the session's member loaded by flask-login, every plugin's before- and
after-request hooks, the security headers). ``bench/thread_page.py`` serves it as the floor
that no page of the forum can beat, for visitors and for members.

    FORUM_CONFIG=community.toml gunicorn bench.floor_app:create_floor_app()
"""

from __future__ import annotations

from flask import Flask, Response

from forum import create_app
from forum.core.api import viewer


def create_floor_app(*args: object, **kwargs: object) -> Flask:
    app = create_app(*args, **kwargs)  # type: ignore[arg-type]

    @app.get("/bench/floor")
    def floor() -> Response:
        member = viewer()
        return Response("member" if member is not None else "visitor", mimetype="text/plain")

    return app
