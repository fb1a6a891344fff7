"""One definition of use: sign-in days from any authenticated request, and per-type actions."""

from __future__ import annotations

from datetime import timedelta

import forum.core.usage as usage
from forum.core.api import hookimpl, utcnow
from forum.testing import add_board, login, member_client, record_usage_events


class SignInDays(list):
    @hookimpl
    def forum_usage_event(self, user, function):
        if function == "sign_in":
            self.append((user.username, usage.utcnow().date()))


def test_a_member_kept_signed_in_counts_once_on_every_day_they_visit(make_app, monkeypatch):
    app = make_app()
    days = SignInDays()
    app.extensions["forum"].manager.register(days)
    client = app.test_client()
    member_client(app, "aoi")  # the account
    client.post("/login", data={"username": "aoi", "password": "correct horse battery", "remember": "y"})
    start = utcnow()
    for offset in (0, 0, 1, 1, 3, 4):  # several requests on some days, none on day 2
        monkeypatch.setattr(usage, "utcnow", lambda offset=offset: start + timedelta(days=offset))
        assert client.get("/").status_code == 200
    assert [day for _name, day in days] == [(start + timedelta(days=d)).date() for d in (0, 1, 3, 4)]


def test_visitors_are_never_counted(make_app):
    app = make_app()
    days = SignInDays()
    app.extensions["forum"].manager.register(days)
    app.test_client().get("/")
    assert days == []


def test_signing_in_again_counts_on_the_next_request(make_app):
    app = make_app()
    days = SignInDays()
    app.extensions["forum"].manager.register(days)
    client = member_client(app, "aoi")
    client.get("/")
    client.post("/logout")
    login(client, "aoi")
    client.get("/")
    assert len(days) == 2  # the research plugin keeps one per day; the core reports each sign-in


def test_discussions_count_writing_and_reading_others_not_reading_ones_own(make_app):
    app = make_app()
    add_board(app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    events = record_usage_events(app)
    response = aoi.post("/b/general/new", data={"title": "Hello", "body": "First topic"})
    topic = response.headers["Location"]
    aoi.get(topic)
    ren.get(topic)
    assert events == [("aoi", "discussions"), ("ren", "discussions")]
