"""Members get 403 and visitors are sent to sign in, on every moderator route and action."""

from __future__ import annotations

from forum.testing import csrf_token, member_client
from plugins.moderation.tests.helpers import (
    community,
    entry_for,
    item_id,
    item_status,
    post_topic,
    queue_entries,
)
from plugins.moderation.views import BUTTON_DECISIONS

MODERATOR_ENDPOINTS = {"moderation.queue", "moderation.entry", "moderation.decide", "moderation.edit",
                       "moderation.audit_log", "moderation.claim", "moderation.write_message",
                       "moderation.resolve", "moderation.duty", "moderation.health"}
MEMBER_ENDPOINTS = {"moderation.report", "moderation.notices"}


def moderator_requests(app, entry_id):
    """(method, url) for every moderator route, every method, every decision."""
    requests = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in MODERATOR_ENDPOINTS:
            continue
        decisions = BUTTON_DECISIONS if "decision" in rule.arguments else (None,)
        for decision in decisions:
            values = {"entry_id": entry_id, "decision": decision}
            url = rule.build({k: v for k, v in values.items() if k in rule.arguments})[1]
            requests += [(method, url) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return requests


def test_every_moderation_route_is_accounted_for(make_app):
    app = community(make_app)
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()
                 if rule.endpoint.startswith("moderation.")}
    assert endpoints == MODERATOR_ENDPOINTS | MEMBER_ENDPOINTS


def test_members_get_403_and_visitors_sign_in_on_every_moderator_route(make_app):
    app = community(make_app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    post_topic(aoi, "Held", "Call 090-1234-5678")
    topic = item_id(app, "Held")
    entry = entry_for(app, topic)["id"]
    requests = moderator_requests(app, entry)
    assert len(requests) >= 8
    visitor = app.test_client()
    form = {"approve-note": "x", "reject-message": "x", "text_body": "x"}
    for method, url in requests:
        for client in (aoi, ren):  # the author too: no reviewing your own post
            data = form if method == "POST" else None
            assert client.open(url, method=method, data=data).status_code == 403, (method, url)
        response = visitor.open(url, method=method)
        assert response.status_code == 302 and "/login" in response.headers["Location"], (method, url)
    assert item_status(app, topic) == "held"
    assert queue_entries(app)[0]["status"] == "open"


def test_visitors_are_sent_to_sign_in_for_reports_and_notices(make_app):
    app = community(make_app)
    aoi = member_client(app, "aoi")
    post_topic(aoi, "Fine", "ok")
    visitor = app.test_client()
    for url in (f"/moderation/report/{item_id(app, 'Fine')}", "/moderation/notices"):
        response = visitor.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    report = visitor.post(f"/moderation/report/{item_id(app, 'Fine')}", data={"category": "other"})
    assert report.status_code == 302
    assert queue_entries(app) == []


def test_decisions_need_the_csrf_token(make_app):
    app = community(make_app, flask={"WTF_CSRF_ENABLED": True})
    aoi = member_client(app, "aoi")
    token = csrf_token(aoi, "/b/general/new")
    aoi.post("/b/general/new", data={"title": "Held", "body": "Call 090-1234-5678", "csrf_token": token})
    topic = item_id(app, "Held")
    moderator = member_client(app, "sora", "moderator")
    entry = entry_for(app, topic)["id"]
    assert moderator.post(f"/moderation/queue/{entry}/approve").status_code == 400
    assert item_status(app, topic) == "held"
    token = csrf_token(moderator, f"/moderation/queue/{entry}")
    assert moderator.post(f"/moderation/queue/{entry}/approve",
                          data={"approve-csrf_token": token}).status_code == 302
    assert item_status(app, topic) == "published"


def test_outreach_needs_the_csrf_token(make_app):
    app = community(make_app, flask={"WTF_CSRF_ENABLED": True})
    aoi = member_client(app, "aoi")
    token = csrf_token(aoi, "/b/general/new")
    aoi.post("/b/general/new", data={"title": "Held", "body": "I want to die", "csrf_token": token})
    moderator = member_client(app, "sora", "moderator")
    entry = entry_for(app, item_id(app, "Held"))["id"]
    for action, data in (("claim", {}), ("message", {"check_in-message": "Hi"}),
                         ("resolve", {"resolve-outcome": "safe"})):
        assert moderator.post(f"/moderation/queue/{entry}/{action}", data=data).status_code == 400, action
    assert queue_entries(app)[0]["status"] == "open"
    token = csrf_token(moderator, f"/moderation/queue/{entry}")
    claimed = moderator.post(f"/moderation/queue/{entry}/claim", data={"claim-csrf_token": token})
    assert claimed.status_code == 302
    assert aoi.post("/moderation/notices", data={"reply-message": "Hi"}).status_code == 400
