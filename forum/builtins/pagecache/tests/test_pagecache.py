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
