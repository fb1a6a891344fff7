"""Outreach: claim an alert, write to the member privately, the member answers, resolve with an outcome.

Also what the crisis page promises (it must be what happens) and where the conversation goes:
the member's data export, account deletion, and nobody else's eyes.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from forum.core.api import AuditEvent, Item, User, db
from forum.testing import PASSWORD, add_board, member_client
from plugins.moderation.models import CheckInMessage
from plugins.moderation.tests.helpers import (
    JOURNAL,
    community,
    entry_for,
    item_id,
    item_status,
    post_topic,
    queue_entries,
)
from plugins.moderation.tests.tier_plugin import CHECK_IN_TEXT, URGENT_TEXT

TIERS = "plugins.moderation.tests.tier_plugin"
PRIVATE_RISK = "I am going to end my life tonight, the pills are ready"


def _community(make_app: Any, **tables: Any) -> Flask:
    """Moderation with the test journal (private by default) and the tier rule."""
    settings = {"moderation": "screened", **tables.pop("community", {})}
    app = make_app(plugins=["moderation", JOURNAL, TIERS], community=settings, **tables)
    add_board(app)
    return app


def the_alert(app: Flask) -> dict[str, Any]:
    [alert] = [entry for entry in queue_entries(app) if entry["kind"] == "alert"]
    return alert


def audit_trail(app: Flask) -> list[tuple[str, str | None]]:
    with app.app_context():
        return [(event.action, event.actor.username if event.actor else None)
                for event in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_outreach_from_a_private_alert_end_to_end(make_app):
    app = _community(make_app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    sora, mio = member_client(app, "sora", "moderator"), member_client(app, "mio", "moderator")
    aoi.post("/journal/new", data={"body": PRIVATE_RISK})
    alert = the_alert(app)
    url = f"/moderation/queue/{alert['id']}"
    assert "New" in sora.get(url).get_data(as_text=True)

    assert sora.post(f"{url}/claim").status_code == 302
    assert "Being handled by sora" in mio.get("/moderation/queue").get_data(as_text=True)
    mio.post(f"{url}/claim")
    assert "sora is already handling this entry." in mio.get(url).get_data(as_text=True)

    sent = sora.post(f"{url}/message", data={"check_in-message": "Hi aoi, how are you doing tonight?"})
    assert sent.status_code == 302
    assert "Contacted" in sora.get(url).get_data(as_text=True)

    home = aoi.get("/").get_data(as_text=True)
    assert "Messages from moderators" in home
    assert "Check-in conversation" in aoi.get("/u/aoi").get_data(as_text=True)
    assert "Check-in conversation" not in ren.get("/u/aoi").get_data(as_text=True)
    assert "Check-in conversation" not in ren.get("/u/ren").get_data(as_text=True)
    inbox = aoi.get("/moderation/notices").get_data(as_text=True)
    assert "Hi aoi, how are you doing tonight?" in inbox and "Moderator sora" in inbox
    assert aoi.post("/moderation/notices", data={"reply-message": "Thank you. A bit better now."}
                    ).status_code == 302
    assert "Thank you. A bit better now." in sora.get(url).get_data(as_text=True)

    assert sora.post(f"{url}/resolve", data={"resolve-outcome": "safe", "resolve-note": "Talked."}
                     ).status_code == 302
    resolved = the_alert(app)
    assert (resolved["status"], resolved["decision"]) == ("resolved", "resolve")
    assert audit_trail(app) == [("alert", None), ("claim", "sora"), ("check_in", "sora"),
                                ("check_in_reply", None), ("resolve", "sora")]
    audit_page = sora.get("/moderation/audit").get_data(as_text=True)
    for label in ("Safety alert raised", "Claimed", "Wrote to the member", "The member replied", "Resolved"):
        assert label in audit_page
    assert "how are you doing" not in audit_page  # the log says what happened, not what was written

    # A later entry about aoi shows this history as the member's, each decision with its entry.
    post_topic(aoi, "Tired", "I'm going to end my life tonight, the pills are ready.")
    [later] = [entry for entry in queue_entries(app) if entry["id"] != alert["id"]]
    page = sora.get(f"/moderation/queue/{later['id']}").get_data(as_text=True)
    assert "Decisions about aoi and their posts, from every entry" in page
    assert f'href="/moderation/queue/{alert["id"]}">entry #{alert["id"]}</a>' in page
    assert "whichever entry it began from" in page

    # Another member sees nothing and cannot write into the conversation.
    others = ren.get("/moderation/notices").get_data(as_text=True)
    assert "how are you doing" not in others and "A bit better" not in others
    assert "Messages from moderators" not in ren.get("/").get_data(as_text=True).split("<main")[0]
    assert ren.post("/moderation/notices", data={"reply-message": "hello"}).status_code == 404
    assert ren.get(url).status_code == 403
    assert ren.post(f"{url}/message", data={"check_in-message": "x"}).status_code == 403


def test_a_reply_after_resolution_brings_a_moderator_back(make_app):
    app = _community(make_app)
    aoi, sora = member_client(app, "aoi"), member_client(app, "sora", "moderator")
    aoi.post("/journal/new", data={"body": PRIVATE_RISK})
    url = f"/moderation/queue/{the_alert(app)['id']}"
    sora.post(f"{url}/message", data={"check_in-message": "Checking in."})
    sora.post(f"{url}/resolve", data={"resolve-outcome": "no_answer"})
    aoi.post("/moderation/notices", data={"reply-message": "Sorry, I was asleep."})
    alerts = [entry for entry in queue_entries(app) if entry["kind"] == "alert"]
    assert [entry["status"] for entry in alerts] == ["resolved", "open"]
    assert alerts[1]["urgent"] is False


def test_a_risky_reply_shows_the_crisis_page_and_raises_an_urgent_alert(make_app):
    app = _community(make_app)
    aoi, sora = member_client(app, "aoi"), member_client(app, "sora", "moderator")
    aoi.post("/journal/new", data={"body": CHECK_IN_TEXT, "visibility": "community"})
    entry = entry_for(app, item_id_of_journal(app))
    sora.post(f"/moderation/queue/{entry['id']}/message", data={"check_in-message": "How are you?"})
    page = aoi.post("/moderation/notices", data={"reply-message": URGENT_TEXT},
        follow_redirects=True).get_data(as_text=True)
    assert "We are here with you" in page and "A moderator has been alerted" in page
    [alert] = [e for e in queue_entries(app) if e["kind"] == "alert"]
    assert alert["urgent"] is True


def item_id_of_journal(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(Item.id).where(Item.type == "journal"))


def test_messages_are_screened_like_any_text(make_app):
    app = _community(make_app, moderation={"words": {"block": ["buy followers"], "censor": ["damn"]}})
    aoi, sora = member_client(app, "aoi"), member_client(app, "sora", "moderator")
    aoi.post("/journal/new", data={"body": PRIVATE_RISK})
    url = f"/moderation/queue/{the_alert(app)['id']}"
    refused = sora.post(f"{url}/message", data={"check_in-message": "You should buy followers"})
    assert refused.status_code == 422
    sora.post(f"{url}/message", data={"check_in-message": "That sounds damn hard."})
    refused = aoi.post("/moderation/notices", data={"reply-message": "buy followers here"})
    assert refused.status_code == 422
    with app.app_context():
        bodies = list(db.session.scalars(select(CheckInMessage.body)))
    assert bodies == ["That sounds ■■■■ hard."]


def test_resolving_needs_an_outcome_and_a_moderator(make_app):
    app = _community(make_app)
    aoi, sora = member_client(app, "aoi"), member_client(app, "sora", "moderator")
    aoi.post("/journal/new", data={"body": PRIVATE_RISK})
    url = f"/moderation/queue/{the_alert(app)['id']}"
    missing = sora.post(f"{url}/resolve", data={"resolve-note": "done"})
    assert missing.status_code == 422 and "Choose how it ended." in missing.get_data(as_text=True)
    assert sora.post(f"{url}/resolve", data={"resolve-outcome": "maybe"}).status_code == 422
    assert sora.post(f"{url}/message", data={"check_in-message": ""}).status_code == 422
    assert the_alert(app)["status"] == "open"
    assert aoi.post(f"{url}/resolve", data={"resolve-outcome": "safe"}).status_code == 403


def test_the_conversation_is_in_the_export_and_goes_with_the_account(make_app):
    app = _community(make_app)
    aoi, sora = member_client(app, "aoi"), member_client(app, "sora", "moderator")
    aoi.post("/journal/new", data={"body": PRIVATE_RISK})
    url = f"/moderation/queue/{the_alert(app)['id']}"
    sora.post(f"{url}/message", data={"check_in-message": "Checking in on you."})
    aoi.post("/moderation/notices", data={"reply-message": "I'm okay."})
    exported = json.loads(aoi.get("/me/export.json").get_data(as_text=True))
    assert exported["moderation"]["check_in_conversation"] == [
        {"from": "moderator", "message": "Checking in on you.", "created": exported["moderation"][
            "check_in_conversation"][0]["created"]},
        {"from": "you", "message": "I'm okay.", "created": exported["moderation"][
            "check_in_conversation"][1]["created"]},
    ]
    assert aoi.post("/me/delete", data={"password": PASSWORD}).status_code == 302
    with app.app_context():
        assert db.session.scalars(select(CheckInMessage)).all() == []
        assert db.session.scalar(select(User).where(User.username == "aoi")) is None


def test_the_crisis_page_says_what_really_follows(make_app):
    app = _community(make_app)
    aoi = member_client(app, "aoi")
    held = post_topic(aoi, "Tonight", URGENT_TEXT, follow_redirects=True).get_data(as_text=True)
    assert "Your post is not public yet: a moderator has been alerted and will read it first." in held
    assert item_status(app, item_id(app, "Tonight")) == "held"
    published = post_topic(aoi, "Lately", CHECK_IN_TEXT, follow_redirects=True).get_data(as_text=True)
    assert "Your post is published, and a moderator has been alerted and will read it." in published
    assert entry_for(app, item_id(app, "Lately"))["kind"] == "flag"
    private = aoi.post("/journal/new", data={"body": CHECK_IN_TEXT},
                       follow_redirects=True).get_data(as_text=True)
    assert "no moderator is told about it" in private
    for page in (held, published, private):
        assert "A trained moderator will read it soon" not in page


def test_without_moderation_the_crisis_page_promises_nobody(make_app):
    app = make_app(plugins=[JOURNAL, TIERS])
    page = member_client(app, "aoi").post("/journal/new", data={"body": URGENT_TEXT},
        follow_redirects=True).get_data(as_text=True)
    assert "We are here with you" in page
    assert "No moderator is told about this automatically." in page


def test_hosts_can_turn_private_alerts_off(make_app):
    app = _community(make_app, moderation={"private_alert": []})
    page = member_client(app, "aoi").post("/journal/new", data={"body": PRIVATE_RISK},
        follow_redirects=True).get_data(as_text=True)
    assert "no moderator is told about it" in page
    assert queue_entries(app) == []


@pytest.mark.parametrize(("collapse", "expected"), [(True, 1), (False, 0)])
def test_distressing_text_is_collapsed_unless_the_host_turns_it_off(make_app, collapse, expected):
    app = community(make_app, moderation={"collapse_distressing": collapse})
    aoi, sora = member_client(app, "aoi"), member_client(app, "sora", "moderator")
    post_topic(aoi, "Tonight", "I want to die tonight")
    entry = entry_for(app, item_id(app, "Tonight"))
    for page in (sora.get("/moderation/queue"), sora.get(f"/moderation/queue/{entry['id']}")):
        text = page.get_data(as_text=True)
        assert text.count('<details class="distressing">') == expected
        assert "Tonight" in text
