"""Headers, CSRF, cookies, no writes on page views, constant queries, page weight, limits."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from forum.core.api import Item, db
from forum.testing import add_board, add_user, login, member_client


@contextmanager
def count_statements(app):
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def seed_topic(app, replies: int) -> int:
    """A topic with ``replies`` replies of about 500 characters, from several members."""
    board = add_board(app, slug=f"b{replies}")
    members = [add_user(app, f"m{replies}_{n}") for n in range(5)]
    with app.app_context():
        topic = Item(type="discussion", author_id=members[0].id, board_id=board, title="Seeded",
                     body="x", body_html="<p>x</p>")
        db.session.add(topic)
        db.session.flush()
        text = "I hear you. " * 42
        db.session.add_all(
            Item(type="reply", author_id=members[n % 5].id, parent_id=topic.id, board_id=board,
                 body=text, body_html=f"<p>{text}</p>") for n in range(replies))
        db.session.commit()
        return topic.id


def test_security_headers_on_every_page(client):
    for path in ("/", "/login", "/no-such-page"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_forms_without_csrf_token_are_refused(make_app):
    app = make_app(flask={"WTF_CSRF_ENABLED": True})
    add_board(app)
    add_user(app, "aoi")
    client = app.test_client()
    refused = client.post("/login", data={"username": "aoi", "password": "correct horse battery"})
    assert refused.status_code == 400 and "This form expired" in refused.get_data(as_text=True)
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    accepted = client.post("/login", data={"username": "aoi", "password": "correct horse battery",
                                           "csrf_token": token})
    assert accepted.status_code == 302
    assert client.post("/b/general/new", data={"title": "t", "body": "b"}).status_code == 400
    assert client.post("/logout").status_code == 400


def test_anonymous_pages_set_no_cookie_and_static_files_are_cacheable(make_app):
    app = make_app(plugins=["comments"])
    topic = seed_topic(app, 3)
    client = app.test_client()
    for path in ("/", f"/t/{topic}", "/b/b3", "/u/m3_0", "/learn", "/help", "/no-such"):
        assert "Set-Cookie" not in client.get(path).headers, path
    static = client.get("/static/forum.css")
    assert static.status_code == 200 and "max-age=604800" in static.headers["Cache-Control"]


def test_page_views_write_nothing(make_app):
    app = make_app(plugins=["comments"])
    topic = seed_topic(app, 3)
    client = member_client(app, "reader")
    with count_statements(app) as statements:
        for path in ("/", f"/t/{topic}", "/b/b3", "/u/m3_0", "/learn", "/me/data"):
            assert client.get(path).status_code == 200
    writes = [s for s in statements if s.lstrip().split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []


@pytest.mark.parametrize("signed_in", [False, True])
def test_topic_page_queries_do_not_grow_with_replies(make_app, signed_in):
    app = make_app(plugins=["comments"])
    small, large = seed_topic(app, 5), seed_topic(app, 50)
    client = member_client(app, "reader") if signed_in else app.test_client()
    counts = []
    for topic in (small, large):
        with count_statements(app) as statements:
            page = client.get(f"/t/{topic}")
        assert page.status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1] and counts[1] <= 6, counts


def test_topic_page_with_50_posts_weighs_under_60_kb(make_app):
    app = make_app(plugins=["comments"])
    topic = seed_topic(app, 50)
    client = member_client(app, "reader")
    html = client.get(f"/t/{topic}").data
    css = client.get("/static/forum.css").data
    assert html.count(b'class="reply"') == 50
    assert b"<script" not in html and b"@font-face" not in css
    assert len(html) + len(css) < 60 * 1024, (len(html), len(css))


def test_bodies_are_rendered_once_when_written_not_per_view(make_app, monkeypatch):
    import forum.core.content as content

    app = make_app(plugins=["comments"])
    topic = seed_topic(app, 5)
    client = member_client(app, "reader")

    def fail(_text):
        raise AssertionError("Markdown rendered during a page view")

    monkeypatch.setattr(content, "render_markdown", fail)
    assert client.get(f"/t/{topic}").status_code == 200


def test_sign_in_attempts_are_rate_limited(make_app):
    app = make_app(flask={"RATELIMIT_ENABLED": True}, limits={"login": "3 per minute"})
    client = app.test_client()
    codes = [client.post("/login", data={"username": "x", "password": "y"}).status_code
             for _ in range(4)]
    assert codes[:3] == [422, 422, 422] and codes[3] == 429
    assert "Please slow down" in client.post("/login", data={}).get_data(as_text=True)


def test_oversized_requests_and_unexpected_errors_get_friendly_pages(make_app):
    app = make_app(flask={"PROPAGATE_EXCEPTIONS": False})

    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internals")

    client = app.test_client()
    broken = client.get("/boom")
    assert broken.status_code == 500
    assert "secret internals" not in broken.get_data(as_text=True)
    assert "Something went wrong" in broken.get_data(as_text=True)
    add_user(app, "aoi")
    add_board(app)
    login(client, "aoi")
    huge = client.post("/b/general/new", data={"title": "t", "body": "x" * 300_000})
    assert huge.status_code == 413 and "too long" in huge.get_data(as_text=True)


def test_rate_limits_are_shared_between_app_servers_through_redis(make_app):
    """Two app processes of one community count sign-in attempts together in Redis."""
    import os
    import uuid

    url = os.environ.get("FORUM_TEST_REDIS_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("FORUM_TEST_REDIS_URL is not set in CI")
        pytest.skip("FORUM_TEST_REDIS_URL not set")
    limits = {"storage_uri": url, "login": "3 per minute"}
    flask = {"RATELIMIT_ENABLED": True}
    first, second = make_app(flask=flask, limits=limits), make_app(flask=flask, limits=limits)
    # Limits count per address; a fresh address per run keeps earlier runs' counts out.
    address = {"REMOTE_ADDR": f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.7"}
    codes = [app.test_client().post("/login", data={"username": "x", "password": "y"},
                                    environ_base=address).status_code
             for app in (first, second, first, second)]
    assert codes == [422, 422, 422, 429]
