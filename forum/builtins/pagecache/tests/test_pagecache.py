"""Visitors' pages are cached briefly; members, forms and private content never are."""

from forum.testing import add_board, member_client
from forum.testing import csrf_token as csrf


def make(make_app):
    app = make_app(cache={"anonymous_seconds": 60},
                   flask={"WTF_CSRF_ENABLED": True})
    add_board(app)
    return app


def test_visitor_pages_are_served_from_cache_until_content_changes(make_app):
    app = make(make_app)
    aoi = member_client(app, "aoi")
    visitor = app.test_client(use_cookies=False)
    first = visitor.get("/b/general")
    assert "X-Page-Cache" not in first.headers and "Cookie" in first.headers["Vary"]
    second = visitor.get("/b/general")
    assert second.headers["X-Page-Cache"] == "hit" and second.data == first.data
    assert "Content-Security-Policy" in second.headers
    assert aoi.post("/b/general/new", data={"title": "Fresh words", "body": "x",
                                            "csrf_token": csrf(aoi, "/b/general/new")}).status_code == 302
    third = visitor.get("/b/general")
    assert "X-Page-Cache" not in third.headers and "Fresh words" in third.get_data(as_text=True)


def test_members_forms_and_errors_are_never_cached(make_app):
    app = make(make_app)
    aoi = member_client(app, "aoi")
    for _ in range(2):
        assert "X-Page-Cache" not in aoi.get("/b/general").headers
    visitor = app.test_client(use_cookies=False)
    for path in ("/login", "/no-such-page"):
        for _ in range(2):
            assert "X-Page-Cache" not in visitor.get(path).headers


def test_removed_content_leaves_the_cache_at_once(make_app):
    app = make(make_app)
    aoi = member_client(app, "aoi")
    topic = aoi.post("/b/general/new", data={"title": "Soon gone", "body": "x",
                                             "csrf_token": csrf(aoi, "/b/general/new")}).headers["Location"]
    visitor = app.test_client(use_cookies=False)
    assert visitor.get(topic).status_code == 200
    assert visitor.get(topic).headers["X-Page-Cache"] == "hit"
    assert aoi.post(f"{topic}/delete", data={"csrf_token": csrf(aoi, topic)}).status_code == 302
    assert visitor.get(topic).status_code == 404
    assert "Soon gone" not in visitor.get("/b/general").get_data(as_text=True)


def _second_worker(app):
    """Another app process of the same community: same database and instance folder."""
    from forum import create_app

    return create_app(None, instance_path=app.instance_path,
                      settings={"cache": {"anonymous_seconds": 60}, "community": {"public_read": True,
                                                                                  "moderation": "post"}},
                      **{key: app.config[key] for key in ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI",
                                                          "SQLALCHEMY_ENGINE_OPTIONS")})


def test_a_change_in_one_worker_empties_every_workers_cache_without_redis(make_app):
    from forum.core.api import Item, User, db, set_status

    app = make(make_app)
    other = _second_worker(app)
    aoi = member_client(app, "aoi")
    topic = aoi.post("/b/general/new", data={"title": "Soon rejected", "body": "x",
                                             "csrf_token": csrf(aoi, "/b/general/new")}).headers["Location"]
    visitor = app.test_client(use_cookies=False)
    assert visitor.get(topic).status_code == 200
    assert visitor.get(topic).headers["X-Page-Cache"] == "hit"
    with other.app_context():  # a moderator's decision, handled by the other worker
        item = db.session.get(Item, int(topic.rsplit("/", 1)[1]))
        set_status(item, "rejected", db.session.scalar(db.select(User)), "reject")
    assert visitor.get(topic).status_code == 404


def test_an_unreachable_redis_turns_caching_off_and_pages_still_answer(make_app, caplog):
    app = make_app(cache={"anonymous_seconds": 60, "url": "redis://127.0.0.1:9/0"})
    add_board(app)
    aoi = member_client(app, "aoi")
    visitor = app.test_client(use_cookies=False)
    for path in ("/b/general", "/help", "/login", "/b/general"):
        assert visitor.get(path).status_code == 200
    assert aoi.get("/b/general").status_code == 200
    assert "unreachable" in caplog.text and "caching is off" in caplog.text


def test_memory_stores_are_bounded_and_keep_the_recently_used():
    from forum.core.api import MemoryStore

    store = MemoryStore(max_bytes=1000)
    for n in range(100):
        store.set(f"page{n}", "x" * 100)
        store.get("page0")  # read often: stays
    assert store.size <= 1000 and len(store) == 10
    assert store.get("page0") is not None and store.get("page1") is None
    assert store.get("page99") is not None
    store.set("huge", "x" * 600)  # larger than a quarter of the store: not kept
    assert store.get("huge") is None and store.size <= 1000


def test_with_redis_pages_and_fragments_are_shared_and_invalidated(make_app):
    import os

    import pytest

    url = os.environ.get("FORUM_TEST_REDIS_URL")
    if not url:
        pytest.skip("FORUM_TEST_REDIS_URL not set")
    app = make_app(cache={"anonymous_seconds": 60, "url": url}, flask={"WTF_CSRF_ENABLED": True})
    add_board(app)
    app.extensions["forum_page_cache"].bump()  # a fresh version: nothing from an earlier run
    aoi = member_client(app, "aoi")
    visitor = app.test_client(use_cookies=False)
    assert "X-Page-Cache" not in visitor.get("/b/general").headers
    assert visitor.get("/b/general").headers["X-Page-Cache"] == "hit"
    assert aoi.post("/b/general/new", data={"title": "Shared words", "body": "x",
                                            "csrf_token": csrf(aoi, "/b/general/new")}).status_code == 302
    page = visitor.get("/b/general")
    assert "X-Page-Cache" not in page.headers and "Shared words" in page.get_data(as_text=True)
