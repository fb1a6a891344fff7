"""Transport and input hardening (issue 14, findings 4, 9, 10, 13, 14)."""

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from forum.core.api import Item, db, safe_next
from forum.testing import NOTE_PLUGIN, add_board, add_user, login, member_client


def test_cookies_are_secure_and_hsts_is_sent_by_default(app):
    add_user(app, "aoi")
    client = app.test_client()
    response = client.post("/login", data={"username": "aoi", "password": "correct horse battery",
                                           "remember": "y"})
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies and all("Secure" in cookie and "HttpOnly" in cookie for cookie in cookies)
    assert client.get("/").headers["Strict-Transport-Security"].startswith("max-age=")


def test_a_plain_http_trial_can_turn_https_off(make_app):
    app = make_app(security={"https": False})
    add_user(app, "aoi")
    response = app.test_client().post("/login", data={"username": "aoi",
                                                      "password": "correct horse battery"})
    assert "Secure" not in response.headers["Set-Cookie"]
    assert "Strict-Transport-Security" not in response.headers


def forwarded(client, address, path="/login", data=None):
    return client.post(path, data=data or {"username": "x", "password": "wrong one"},
                       headers={"X-Forwarded-For": address}, environ_base={"REMOTE_ADDR": "10.0.0.1"})


def test_behind_a_proxy_each_client_has_its_own_rate_limit(make_app):
    app = make_app(flask={"RATELIMIT_ENABLED": True}, limits={"login": "2 per minute"},
                   security={"behind_proxy": 1})
    client = app.test_client()
    attacker = [forwarded(client, "203.0.113.9").status_code for _ in range(4)]
    assert attacker[-1] == 429
    assert forwarded(client, "198.51.100.7").status_code == 422  # another member still signs in


def test_without_the_proxy_setting_forwarded_addresses_are_not_trusted(make_app):
    app = make_app(flask={"RATELIMIT_ENABLED": True}, limits={"login": "2 per minute"})
    client = app.test_client()
    codes = [forwarded(client, f"203.0.113.{n}").status_code for n in range(4)]
    assert codes[-1] == 429  # a client can't get a fresh bucket by inventing a header


def test_the_forwarded_scheme_is_trusted_behind_a_proxy(make_app):
    app = make_app(security={"behind_proxy": 1})

    @app.route("/scheme-probe")
    def probe() -> str:
        from flask import request
        return request.scheme

    answer = app.test_client().get("/scheme-probe", headers={"X-Forwarded-Proto": "https"})
    assert answer.get_data(as_text=True) == "https"


@pytest.mark.parametrize("target", ["/%09/evil.example", "/%0A/evil.example", "/\t/evil.example",
                                    "/%2F/evil.example", "/%5C/evil.example", "//evil.example",
                                    "/\\evil.example", "/%00x"])
def test_next_never_leaves_the_site(app, target):
    with app.test_request_context():
        assert safe_next(target) == "/"


def test_next_keeps_ordinary_paths(app):
    with app.test_request_context():
        assert safe_next("/t/3?page=2#reply-4") == "/t/3?page=2#reply-4"
        assert safe_next("/u/%E3%81%82%E3%81%8A%E3%81%84") == "/u/%E3%81%82%E3%81%8A%E3%81%84"


def test_sign_in_with_a_tab_in_next_stays_on_the_site(app):
    add_user(app, "aoi")
    client = app.test_client()
    response = client.post("/login?next=/%0A/evil.example", data={"username": "aoi",
                                                                "password": "correct horse battery"})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_nul_and_control_characters_never_reach_the_database(make_app):
    app = make_app(plugins=[NOTE_PLUGIN])
    client = member_client(app, "aoi")
    client.post("/notes/new", data={"text": "a\x00b\x07c\x1bd\ttab\nline", "visibility": "private"})
    with app.app_context():
        assert db.session.scalar(select(Item.body)) == "abcd\ttab\nline"
    # A NUL in the sign-in name is a wrong name, not a database error.
    answer = app.test_client().post("/login", data={"username": "ao\x00i", "password": "x\x00y zzzz"})
    assert answer.status_code == 422


def test_pages_with_private_data_are_never_stored(make_app):
    app = make_app(plugins=[NOTE_PLUGIN])
    client = member_client(app, "aoi")
    client.post("/notes/new", data={"text": "my private note", "visibility": "private"})
    for path in ("/notes/mine", "/notes/1", "/me/data", "/me/export.json", "/me/password"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path
    assert app.test_client().get("/").headers["Cache-Control"] == "private, no-cache"


@pytest.mark.parametrize("host", ["a" * 300, "a" * 64 + ".example", "bad host", "x" * 300 + ":80"])
def test_an_impossible_host_header_is_a_400(app, host):
    answer = app.test_client().get("/", headers={"Host": host})
    assert answer.status_code == 400


@pytest.mark.parametrize("path", ["/t/2147483648", "/t/9223372036854775808", "/t/99999999999999999999999",
                                  "/t/2147483648/edit", "/u/" + "x" * 5000, "/?page=%C2%B2",
                                  "/b/general?page=%C2%B2", "/b/general?page=99999999999999999999"])
def test_huge_ids_and_odd_page_numbers_are_not_500(make_app, path):
    app = make_app(flask={"PROPAGATE_EXCEPTIONS": False})
    add_board(app)
    client = member_client(app, "aoi")
    assert client.get(path).status_code < 500, path
    login(client, "aoi")


@pytest.fixture
def discussion(make_app):
    pytest.importorskip("plugins.comments")
    app = make_app(plugins=["comments"], community={"public_read": False},
                   flask={"PROPAGATE_EXCEPTIONS": False})
    add_board(app)
    client = member_client(app, "aoi")
    client.post("/b/general/new", data={"title": "A topic", "body": "text"})
    with app.app_context():
        topic = db.session.scalar(select(Item.id))
    client.post(f"/items/{topic}/replies", data={"body": "a reply"})
    with app.app_context():
        reply = db.session.scalar(select(Item.id).where(Item.parent_id == topic))
    return app, client, topic, reply


def test_a_visitor_cannot_tell_which_replies_exist(discussion):
    app, _client, _topic, reply = discussion
    visitor = app.test_client()
    existing, missing = visitor.get(f"/replies/{reply}"), visitor.get(f"/replies/{reply + 1000}")
    assert existing.status_code == missing.status_code == 302
    assert existing.headers["Location"].split("?")[0] == missing.headers["Location"].split("?")[0]


@pytest.mark.parametrize("body", ['[1, 2]', '"text"', '{"body": {"a": 1}}', '{"body": ["x", 2]}', '3', '{'])
def test_a_json_or_odd_body_to_the_reply_endpoint_is_a_4xx(discussion, body):
    _app, client, topic, _reply = discussion
    answer = client.post(f"/items/{topic}/replies", data=body, content_type="application/json")
    assert 400 <= answer.status_code < 500


def test_a_private_entry_deleted_for_good_keeps_no_text(make_app):
    app = make_app(plugins=[NOTE_PLUGIN])
    client = member_client(app, "aoi")
    client.post("/notes/new", data={"text": "my secret diary", "visibility": "private"})
    with app.app_context():
        note = db.session.scalar(select(Item))
    assert client.post(f"/items/{note.id}/delete").status_code == 302
    with app.app_context():
        row = db.session.get(Item, note.id)
        assert row.status == "deleted" and row.body == row.body_html == "" and not row.data
        assert "secret" not in str(db.session.execute(select(Item.__table__)).all())


def test_a_deleted_members_report_note_leaves_the_moderators_page(make_app):
    pytest.importorskip("plugins.moderation")
    app = make_app(plugins=["moderation"], community={"moderation": "post"})
    add_board(app)
    moderator = member_client(app, "sora_mod", role="moderator")
    author, reporter = member_client(app, "aoi"), member_client(app, "ren")
    author.post("/b/general/new", data={"title": "A topic", "body": "text"})
    with app.app_context():
        topic = db.session.scalar(select(Item.id))
    reported = reporter.post(f"/moderation/report/{topic}",
                             data={"category": "other", "note": "ren-wrote-this-note"})
    assert reported.status_code in (200, 302)
    assert "ren-wrote-this-note" in moderator.get("/moderation/queue").get_data(as_text=True)
    assert reporter.post("/me/delete", data={"password": "correct horse battery"}).status_code == 302
    assert "ren-wrote-this-note" not in moderator.get("/moderation/queue").get_data(as_text=True)


class BrokenChunkedBody(io.RawIOBase):
    """What a server hands the app for a bad chunked body: reading it raises the server's error."""

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0

    def readinto(self, buffer) -> int:
        from gunicorn.http.errors import InvalidChunkSize

        raise InvalidChunkSize(b"zz")


def test_a_body_the_server_cannot_read_is_a_400(make_app):
    app = make_app(flask={"PROPAGATE_EXCEPTIONS": False})
    answer = app.test_client().post("/login", input_stream=BrokenChunkedBody(),
                                    content_type="application/x-www-form-urlencoded",
                                    headers={"Transfer-Encoding": "chunked"},
                                    environ_overrides={"wsgi.input_terminated": True})
    assert answer.status_code == 400


def test_searches_are_rate_limited_but_the_empty_search_page_is_not(make_app):
    app = make_app(flask={"RATELIMIT_ENABLED": True}, limits={"search": "2 per minute"})
    client = app.test_client()
    assert all(client.get("/search").status_code == 200 for _ in range(4))
    codes = [client.get("/search", query_string={"q": f"word{n}"}).status_code for n in range(4)]
    assert codes[:2] == [200, 200] and codes[-1] == 429, codes


@pytest.mark.parametrize("slug", ["x" * 300, "a" * 5000, "..%2F..%2Fetc%2Fpasswd", "%00", "ａ" * 200])
def test_a_long_or_odd_learn_page_name_is_a_404(make_app, slug):
    app = make_app(community={"content_dir": str(Path(__file__).parent.parent / "examples" / "content")},
                   flask={"PROPAGATE_EXCEPTIONS": False})
    assert app.test_client().get(f"/learn/{slug}").status_code == 404
