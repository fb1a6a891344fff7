"""The three moderation modes, on core discussions: pre, screened, post."""

from __future__ import annotations

from forum.testing import member_client
from plugins.moderation.tests.helpers import (
    community,
    entry_for,
    item_id,
    item_status,
    post_topic,
    queue_entries,
)

RISKY = "Some nights I want to die. I have the pills ready."
CONTACT = "Text me on 090-1234-5678 if you want to talk."


def test_pre_mode_holds_every_member_post_until_a_moderator_approves(make_app):
    app = community(make_app, "pre")
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    moderator = member_client(app, "sora", "moderator")
    response = post_topic(aoi, "A calm hello", "Nothing risky here.")
    assert response.status_code == 302
    topic = item_id(app, "A calm hello")
    assert item_status(app, topic) == "held"
    assert "A calm hello" not in ren.get("/b/general").get_data(as_text=True)
    assert ren.get(f"/t/{topic}").status_code == 404
    assert "Waiting for review" in aoi.get(f"/t/{topic}").get_data(as_text=True)
    entry = entry_for(app, topic)
    assert (entry["kind"], entry["rules"], entry["urgent"]) == ("held", [], False)

    moderator.post(f"/moderation/queue/{entry['id']}/approve", data={"approve-note": "fine"})
    assert item_status(app, topic) == "published"
    assert "A calm hello" in ren.get("/b/general").get_data(as_text=True)


def test_pre_mode_publishes_moderators_own_posts(make_app):
    app = community(make_app, "pre")
    moderator = member_client(app, "sora", "moderator")
    post_topic(moderator, "House rules", "Be kind.")
    assert item_status(app, item_id(app, "House rules")) == "published"
    assert queue_entries(app) == []


def test_screened_mode_publishes_at_once_unless_a_rule_holds(make_app):
    app = community(make_app, "screened")
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    post_topic(aoi, "Walk today", "I went for a short walk.")
    post_topic(aoi, "Chat?", CONTACT)
    assert item_status(app, item_id(app, "Walk today")) == "published"
    held = item_id(app, "Chat?")
    assert item_status(app, held) == "held"
    board = ren.get("/b/general").get_data(as_text=True)
    assert "Walk today" in board and "Chat?" not in board
    assert [(e["kind"], e["rules"]) for e in queue_entries(app)] == [("held", ["contact_details"])]


def test_screened_mode_shows_the_rule_message_to_the_member(make_app):
    app = community(make_app, "screened")
    aoi = member_client(app, "aoi")
    page = post_topic(aoi, "Chat?", CONTACT)
    followed = aoi.get(page.headers["Location"]).get_data(as_text=True)
    assert "anonymity" in followed and "Waiting for review" in followed


def test_crisis_text_shows_the_crisis_page_and_queues_urgently(make_app):
    app = community(make_app, "screened")
    aoi = member_client(app, "aoi")
    page = post_topic(aoi, "Tonight", RISKY, follow_redirects=True)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Inochi no Denwa" in html and "0570-783-556" in html
    entry = entry_for(app, item_id(app, "Tonight"))
    assert (entry["kind"], entry["urgent"], entry["severity"]) == ("held", True, 5)
    assert entry["rules"] == ["self_harm"]


def test_post_mode_publishes_everything_and_flags_what_rules_find(make_app):
    app = community(make_app, "post")
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    post_topic(aoi, "Walk today", "I went for a short walk.")
    page = post_topic(aoi, "Tonight", RISKY, follow_redirects=True)
    assert "Inochi no Denwa" in page.get_data(as_text=True)  # the crisis path still shows
    risky = item_id(app, "Tonight")
    assert item_status(app, risky) == "published"
    assert "Tonight" in ren.get("/b/general").get_data(as_text=True)
    entries = queue_entries(app)
    assert [(e["item_id"], e["kind"], e["urgent"]) for e in entries] == [(risky, "flag", True)]


def test_blocked_words_save_nothing_and_explain_in_the_form(make_app):
    app = community(make_app, "post", moderation={"words": {"block": ["buy followers"]}})
    aoi = member_client(app, "aoi")
    page = post_topic(aoi, "Offer", "Buy followers cheap")
    assert page.status_code == 422
    html = page.get_data(as_text=True)
    assert "Buy followers cheap" in html and "buy followers" in html.lower()
    assert queue_entries(app) == []


def test_censored_words_are_masked_when_published(make_app):
    app = community(make_app, "screened", moderation={"words": {"censor": ["damn"]}})
    aoi = member_client(app, "aoi")
    post_topic(aoi, "Rough day", "Damn this week.")
    topic = item_id(app, "Rough day")
    assert "■■■■ this week." in aoi.get(f"/t/{topic}").get_data(as_text=True)
    assert queue_entries(app) == []


def test_editing_a_held_post_into_a_fine_one_keeps_it_under_review(make_app):
    app = community(make_app, "screened")
    aoi = member_client(app, "aoi")
    post_topic(aoi, "Chat?", CONTACT)
    topic = item_id(app, "Chat?")
    aoi.post(f"/t/{topic}/edit", data={"title": "Chat?", "body": "Happy to talk here instead."})
    assert item_status(app, topic) == "published"
    entry = entry_for(app, topic)
    assert (entry["kind"], entry["status"], entry["rules"]) == ("flag", "open", ["contact_details", "edited"])


def test_japanese_community_end_to_end(make_app):
    app = community(make_app, "screened", community={"language": "ja"})
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    moderator = member_client(app, "sora", "moderator")
    crisis = post_topic(aoi, "眠れない夜", "もう死にたくて、今夜死ぬつもり。",
        follow_redirects=True).get_data(as_text=True)
    assert "Inochi no Denwa" in crisis
    post_topic(aoi, "連絡先", "LINEのIDはaoi_123です。０９０－１２３４－５６７８")
    post_topic(aoi, "散歩", "今日は少し散歩できました。")
    board = ren.get("/b/general").get_data(as_text=True)
    assert "散歩" in board and "眠れない夜" not in board and "連絡先" not in board
    queue = moderator.get("/moderation/queue").get_data(as_text=True)
    assert "確認キュー" in queue and "自傷リスク" in queue and "連絡先" in queue and "緊急" in queue
    topic = item_id(app, "散歩")
    assert "この投稿をモデレーターに報告する" in ren.get(f"/t/{topic}").get_data(as_text=True)
    assert "気になりましたか" in ren.get(f"/moderation/report/{topic}").get_data(as_text=True)
