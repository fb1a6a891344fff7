"""The review queue: order, decisions, audit log, reports, alerts, messages to members."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from forum.core.api import AuditEvent, Item, User, db, forum_state
from forum.core.models import AuditLogIsAppendOnly
from forum.testing import add_board, add_user, login, member_client
from plugins.moderation.tests.helpers import (
    audit_actions,
    community,
    entry_for,
    item_id,
    item_status,
    post_topic,
    queue_entries,
)

CONTACT = "Text me on 090-1234-5678."
RISKY = "I want to end my life. I am going to do it tonight."


@pytest.fixture
def app(make_app):
    return community(make_app, "screened")


@pytest.fixture
def moderator(app):
    return member_client(app, "sora", "moderator")


def test_urgent_entries_come_first_then_the_oldest(app, moderator):
    aoi = member_client(app, "aoi")
    post_topic(aoi, "First held", CONTACT)
    post_topic(aoi, "Second held", "Add me on line id: aoi_99")
    post_topic(aoi, "Urgent one", RISKY)
    html = moderator.get("/moderation/queue").get_data(as_text=True)
    assert html.index("Urgent one") < html.index("First held") < html.index("Second held")
    assert "Self-harm risk" in html and "Contact details" in html


def test_nav_badge_counts_open_entries_for_moderators_only(app, moderator):
    aoi = member_client(app, "aoi")
    post_topic(aoi, "Held", CONTACT)
    assert 'class="badge"' in moderator.get("/").get_data(as_text=True)
    assert "Review queue" not in aoi.get("/").get_data(as_text=True)


def test_entry_page_shows_text_author_type_rules_and_history(app, moderator):
    aoi = member_client(app, "aoi")
    post_topic(aoi, "Earlier walk", "A short walk today.")
    post_topic(aoi, "Held one", f"**Call** me. {CONTACT}")
    entry = entry_for(app, item_id(app, "Held one"))
    html = moderator.get(f"/moderation/queue/{entry['id']}").get_data(as_text=True)
    assert "<strong>Call</strong>" in html  # the rendered, sanitised text
    assert "aoi" in html and "Discussion" in html and "090-1234-5678" in html
    assert "Earlier walk" in html  # the author's recent history


def test_approve_publishes_and_writes_the_audit_log(app, moderator):
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    post_topic(aoi, "Held", CONTACT)
    topic = item_id(app, "Held")
    entry = entry_for(app, topic)
    response = moderator.post(f"/moderation/queue/{entry['id']}/approve", data={"approve-note": "a hotline"})
    assert response.status_code == 302
    assert item_status(app, topic) == "published"
    assert entry_for(app, topic)["status"] == "resolved"
    assert ("approve", "a hotline") in audit_actions(app)
    assert "Held" in ren.get("/b/general").get_data(as_text=True)
    log = moderator.get("/moderation/audit").get_data(as_text=True)
    assert "Approved" in log and "a hotline" in log and "sora" in log


def test_reject_needs_a_message_and_the_member_sees_it(app, moderator):
    aoi = member_client(app, "aoi")
    post_topic(aoi, "Held", CONTACT)
    topic = item_id(app, "Held")
    entry = entry_for(app, topic)
    empty = moderator.post(f"/moderation/queue/{entry['id']}/reject", data={"reject-message": " "})
    assert empty.status_code == 422 and "Tell the member why" in empty.get_data(as_text=True)
    assert item_status(app, topic) == "held"

    message = "Please don't share your number; you can talk to people here."
    moderator.post(f"/moderation/queue/{entry['id']}/reject", data={"reject-message": message})
    assert item_status(app, topic) == "rejected"
    assert ("reject", message) in audit_actions(app)
    own = aoi.get(f"/t/{topic}").get_data(as_text=True)
    assert "Not published" in own and "share your number" in own.replace("&#39;", "'")
    assert "share your number" in aoi.get("/moderation/notices").get_data(as_text=True).replace("&#39;", "'")
    assert "Messages from moderators" in aoi.get("/u/aoi").get_data(as_text=True)


def test_edit_then_approve_renders_the_new_text_and_logs_the_fields(app, moderator):
    aoi = member_client(app, "aoi")
    post_topic(aoi, "Held", CONTACT)
    topic = item_id(app, "Held")
    entry = entry_for(app, topic)
    form = moderator.get(f"/moderation/queue/{entry['id']}/edit").get_data(as_text=True)
    assert "090-1234-5678" in form
    moderator.post(f"/moderation/queue/{entry['id']}/edit",
                   data={"text_title": "Held", "text_body": "Text me *here* instead.",
                         "message": "I removed your number to keep you anonymous.", "note": "phone"})
    with app.app_context():
        item = db.session.get(Item, topic)
        assert (item.status, item.body) == ("published", "Text me *here* instead.")
        assert "<em>here</em>" in item.body_html
        edit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "edit"))
        assert edit.details["fields"] == ["body"] and "090" not in str(edit.details)
    assert [a for a, _ in audit_actions(app)] == ["edit", "edit_approve"]
    assert "keep you anonymous" in aoi.get(f"/t/{topic}").get_data(as_text=True)


def test_escalated_entries_wait_for_the_host(app, moderator):
    aoi = member_client(app, "aoi")
    host = member_client(app, "hikari", "host")
    post_topic(aoi, "Unsure", CONTACT)
    entry = entry_for(app, item_id(app, "Unsure"))
    moderator.post(f"/moderation/queue/{entry['id']}/escalate", data={"escalate-note": "host please"})
    assert entry_for(app, entry["item_id"])["status"] == "escalated"
    assert moderator.post(f"/moderation/queue/{entry['id']}/approve").status_code == 403
    assert "waits for the host" in moderator.get(f"/moderation/queue/{entry['id']}").get_data(as_text=True)
    assert host.post(f"/moderation/queue/{entry['id']}/approve").status_code == 302
    assert [a for a, _ in audit_actions(app)] == ["escalate", "approve"]


def test_a_second_decision_on_a_closed_entry_is_refused_politely(app, moderator):
    aoi = member_client(app, "aoi")
    other = member_client(app, "kumo", "moderator")
    post_topic(aoi, "Held", CONTACT)
    entry = entry_for(app, item_id(app, "Held"))
    moderator.post(f"/moderation/queue/{entry['id']}/approve")
    late = other.post(f"/moderation/queue/{entry['id']}/reject", data={"reject-message": "no"},
                      follow_redirects=True)
    assert "already decided" in late.get_data(as_text=True)
    assert [a for a, _ in audit_actions(app)] == ["approve"]


def test_unknown_decisions_and_entries_are_404(app, moderator):
    aoi = member_client(app, "aoi")
    post_topic(aoi, "Held", CONTACT)
    entry = entry_for(app, item_id(app, "Held"))
    assert moderator.post(f"/moderation/queue/{entry['id']}/delete-everything").status_code == 404
    assert moderator.get("/moderation/queue/9999").status_code == 404
    assert moderator.get("/moderation/queue?page=99").status_code == 404


def test_member_reports_enter_the_queue_once(app, moderator):
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    post_topic(aoi, "Fine post", "Nothing wrong.")
    topic = item_id(app, "Fine post")
    assert 'href="/moderation/report/' in ren.get(f"/t/{topic}").get_data(as_text=True)
    assert "/moderation/report/" not in aoi.get(f"/t/{topic}").get_data(as_text=True)  # not your own
    form = ren.get(f"/moderation/report/{topic}").get_data(as_text=True)
    assert "<fieldset" in form and "<legend>" in form
    bad = ren.post(f"/moderation/report/{topic}", data={"category": "nonsense"})
    assert bad.status_code == 422
    sent = ren.post(f"/moderation/report/{topic}", data={"category": "worries", "note": "seems low"})
    assert sent.status_code == 302
    again = ren.post(f"/moderation/report/{topic}", data={"category": "hurtful"})
    assert again.status_code == 409 and "already reported" in again.get_data(as_text=True)
    assert "You reported this post" in ren.get(f"/t/{topic}").get_data(as_text=True)
    entry = entry_for(app, topic)
    assert (entry["kind"], entry["urgent"], entry["rules"]) == ("report", True, ["report"])
    html = moderator.get(f"/moderation/queue/{entry['id']}").get_data(as_text=True)
    assert "seems low" in html and "1 member report" in html

    moderator.post(f"/moderation/queue/{entry['id']}/reviewed", data={"reviewed-note": "checked in"})
    assert item_status(app, topic) == "published" and entry_for(app, topic)["status"] == "resolved"
    assert ("reviewed", "checked in") in audit_actions(app)


def test_reports_of_own_or_hidden_items_are_404(app):
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    post_topic(aoi, "Held", CONTACT)
    post_topic(aoi, "Fine", "ok")
    assert ren.get(f"/moderation/report/{item_id(app, 'Held')}").status_code == 404
    assert aoi.get(f"/moderation/report/{item_id(app, 'Fine')}").status_code == 404
    assert ren.get("/moderation/report/9999").status_code == 404


def test_a_report_can_take_a_published_post_down(app, moderator):
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    post_topic(aoi, "Harsh", "People here are fake.")
    topic = item_id(app, "Harsh")
    ren.post(f"/moderation/report/{topic}", data={"category": "hurtful"})
    entry = entry_for(app, topic)
    moderator.post(f"/moderation/queue/{entry['id']}/reject", data={"reject-message": "Please be kind."})
    assert item_status(app, topic) == "rejected"
    assert "Harsh" not in ren.get("/b/general").get_data(as_text=True)


def test_safety_alerts_are_urgent_and_carry_no_private_text(app, moderator):
    add_user(app, "aoi")
    with app.test_request_context():
        aoi = db.session.scalar(select(User).where(User.username == "aoi"))
        private = Item(type="journal", author=aoi, visibility="private", body="my private answers")
        db.session.add(private)
        db.session.commit()
        forum_state().hook.forum_safety_alert(user=aoi, reason="PHQ-9 item 9 above 0", item=private,
                                              urgent=True)
    [entry] = queue_entries(app)
    assert (entry["kind"], entry["urgent"], entry["item_id"]) == ("alert", True, None)
    html = moderator.get(f"/moderation/queue/{entry['id']}").get_data(as_text=True)
    assert "PHQ-9 item 9 above 0" in html and "my private answers" not in html
    moderator.post(f"/moderation/queue/{entry['id']}/reviewed", data={"reviewed-note": "called"})
    assert queue_entries(app)[0]["status"] == "resolved"


def test_withdrawing_an_urgent_post_leaves_an_alert_without_the_text(app, moderator):
    aoi = member_client(app, "aoi")
    post_topic(aoi, "Tonight", RISKY)
    topic = item_id(app, "Tonight")
    aoi.post(f"/items/{topic}/delete", data={"next": "/"})
    [entry] = queue_entries(app)
    assert (entry["kind"], entry["item_id"], entry["status"]) == ("alert", None, "open")
    assert entry["urgent"]
    html = moderator.get("/moderation/queue").get_data(as_text=True)
    assert "end my life" not in html and "deleted or made private" in html


def test_withdrawing_an_ordinary_held_post_closes_its_entry(app, moderator):
    aoi = member_client(app, "aoi")
    post_topic(aoi, "Held", CONTACT)
    topic = item_id(app, "Held")
    aoi.post(f"/items/{topic}/delete", data={"next": "/"})
    assert [(e["status"], e["decision"]) for e in queue_entries(app)] == [("resolved", "withdrawn")]
    assert "Nothing is waiting" in moderator.get("/moderation/queue").get_data(as_text=True)


def test_the_audit_log_is_append_only(app, moderator):
    aoi = member_client(app, "aoi")
    post_topic(aoi, "Held", CONTACT)
    moderator.post(f"/moderation/queue/{entry_for(app, item_id(app, 'Held'))['id']}/approve")
    with app.app_context():
        event = db.session.scalar(select(AuditEvent))
        event.reason = "rewritten"
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.commit()
        db.session.rollback()


def test_member_export_and_deletion_cover_reports_and_notices(app, moderator):
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    post_topic(aoi, "Fine", "ok")
    post_topic(aoi, "Held", CONTACT)
    ren.post(f"/moderation/report/{item_id(app, 'Fine')}", data={"category": "other", "note": "odd"})
    held = entry_for(app, item_id(app, "Held"))
    moderator.post(f"/moderation/queue/{held['id']}/reject", data={"reject-message": "Not here, sorry."})
    assert ren.get("/me/export.json").get_json()["moderation"]["reports_made"][0]["note"] == "odd"
    exported = aoi.get("/me/export.json").get_json()["moderation"]
    assert exported["messages_from_moderators"][0]["message"] == "Not here, sorry."
    assert exported["reports_made"] == []
    ren.post("/me/delete", data={"password": "correct horse battery"})
    with app.app_context():
        from plugins.moderation.models import Report

        assert db.session.scalars(select(Report)).all() == []


def test_disabling_the_plugin_removes_routes_nav_and_footer(make_app):
    app = make_app(plugins=[], community={"moderation": "post"})
    add_board(app)
    add_user(app, "sora", "moderator")
    client = app.test_client()
    login(client, "sora")
    assert client.get("/moderation/queue").status_code == 404
    assert "Review queue" not in client.get("/").get_data(as_text=True)


def test_a_rejected_post_edited_by_its_author_waits_for_review_again(app, moderator):
    aoi = member_client(app, "aoi")
    post_topic(aoi, "Harsh", "People here are fake.")
    topic = item_id(app, "Harsh")
    member_client(app, "ren").post(f"/moderation/report/{topic}", data={"category": "hurtful"})
    moderator.post(f"/moderation/queue/{entry_for(app, topic)['id']}/reject",
                   data={"reject-message": "Please be kind."})
    aoi.post(f"/t/{topic}/edit", data={"title": "Harsh", "body": "People here are fake!!"})
    open_entries = [e for e in queue_entries(app) if e["status"] == "open"]
    assert [(e["item_id"], e["kind"], e["rules"]) for e in open_entries] == [(topic, "held", ["edited"])]
    assert item_status(app, topic) == "held"
    assert member_client(app, "mika").get(f"/t/{topic}").status_code == 404


def test_an_edit_cannot_empty_the_post(app, moderator):
    aoi = member_client(app, "aoi")
    post_topic(aoi, "Held", CONTACT)
    topic = item_id(app, "Held")
    entry = entry_for(app, topic)
    response = moderator.post(f"/moderation/queue/{entry['id']}/edit", data={"text_title": "Held",
                                                                             "text_body": "  "})
    assert response.status_code == 422 and "reject the post instead" in response.get_data(as_text=True)
    assert item_status(app, topic) == "held"
