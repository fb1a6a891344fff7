"""The rephrase nudge: a text held only for its tone goes back to its author, once, first."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from forum.core.api import Item, db
from forum.testing import member_client
from plugins.moderation.nudge import NudgeCount
from plugins.moderation.tests.helpers import community, item_id, queue_entries

HURTFUL = "Honestly, you are pathetic and nobody cares about you."
KINDER = "Honestly, I disagree with you, but I hope you feel better."
NUDGE_TOPICS = {"nudge": ["discussion"]}


def digest(page: str) -> str:
    found = re.search(r'name="nudge_confirm" value="([0-9a-f]+)"', page)
    assert found, "the re-shown form carries the hidden confirm field"
    return found.group(1)


def counts(app) -> dict[str, int]:
    with app.app_context():
        return {row.outcome: row.count for row in db.session.scalars(select(NudgeCount))}


def items(app) -> list[Item]:
    with app.app_context():
        return list(db.session.scalars(select(Item)))


def test_a_hostile_text_comes_back_with_the_words_that_matched_and_nothing_is_saved(make_app):
    app = community(make_app, moderation=NUDGE_TOPICS)
    aoi = member_client(app, "aoi")
    response = aoi.post("/b/general/new", data={"title": "About that", "body": HURTFUL})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "This may hurt:" in page and "<q>you are pathetic</q>" in page
    assert "<h2>Before you post</h2>" in page  # no field is wrong: not "correct the marked fields"
    assert 'class="field invalid"' not in page
    assert HURTFUL in page  # the member's text is kept in the form
    assert items(app) == [] and queue_entries(app) == []
    assert counts(app) == {"shown": 1}


def test_an_edit_after_the_nudge_is_published_and_counted(make_app):
    app = community(make_app, moderation=NUDGE_TOPICS)
    aoi = member_client(app, "aoi")
    first = aoi.post("/b/general/new", data={"title": "About that", "body": HURTFUL}).get_data(as_text=True)
    response = aoi.post("/b/general/new", data={"title": "About that", "body": KINDER,
                                                "nudge_confirm": digest(first)})
    assert response.status_code == 302
    [item] = items(app)
    assert item.status == "published" and item.body == KINDER
    assert queue_entries(app) == []
    assert counts(app) == {"shown": 1, "edited": 1}


def test_sent_as_it_is_goes_to_review_like_before(make_app):
    app = community(make_app, moderation=NUDGE_TOPICS)
    aoi = member_client(app, "aoi")
    first = aoi.post("/b/general/new", data={"title": "About that", "body": HURTFUL}).get_data(as_text=True)
    response = aoi.post("/b/general/new", data={"title": "About that", "body": HURTFUL,
                                                "nudge_confirm": digest(first), "nudge_send": "1"})
    assert response.status_code == 302
    assert items(app)[0].status == "held"
    [entry] = queue_entries(app)
    assert entry["item_id"] == item_id(app, "About that") and entry["rules"] == ["hostility"]
    assert counts(app) == {"shown": 1, "sent_as_is": 1}


def test_an_edit_that_still_hurts_is_nudged_again_without_counting_twice(make_app):
    app = community(make_app, moderation=NUDGE_TOPICS)
    aoi = member_client(app, "aoi")
    first = aoi.post("/b/general/new", data={"title": "About that", "body": HURTFUL}).get_data(as_text=True)
    again = aoi.post("/b/general/new", data={"title": "About that", "body": HURTFUL + " Shut up.",
                                             "nudge_confirm": digest(first)})
    assert again.status_code == 422 and "<q>" in again.get_data(as_text=True)
    assert digest(again.get_data(as_text=True)) != digest(first)
    assert items(app) == [] and counts(app) == {"shown": 1}


def test_types_the_host_did_not_name_are_held_without_a_nudge(make_app):
    app = community(make_app)  # default: replies only
    aoi = member_client(app, "aoi")
    response = aoi.post("/b/general/new", data={"title": "About that", "body": HURTFUL})
    assert response.status_code == 302 and items(app)[0].status == "held"
    assert counts(app) == {}


def test_risk_is_never_nudged_it_keeps_the_crisis_path(make_app):
    app = community(make_app, moderation=NUDGE_TOPICS)
    aoi = member_client(app, "aoi")
    text = "You are pathetic. I am going to kill myself tonight, I have the pills ready."
    response = aoi.post("/b/general/new", data={"title": "Tonight", "body": text}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "nudge_confirm" not in page
    assert 'class="crisis"' in page
    assert items(app)[0].status == "held" and counts(app) == {}


def test_hosts_see_how_often_a_nudge_ends_in_an_edit(make_app):
    app = community(make_app, moderation=NUDGE_TOPICS)
    aoi = member_client(app, "aoi")
    for body in (KINDER, "Thanks for sharing, that sounds hard."):
        first = aoi.post("/b/general/new", data={"title": "T", "body": HURTFUL}).get_data(as_text=True)
        aoi.post("/b/general/new", data={"title": "T", "body": body, "nudge_confirm": digest(first)})
    aoi.post("/b/general/new", data={"title": "T", "body": HURTFUL})  # shown, then left
    page = member_client(app, "hana", "host").get("/moderation/health").get_data(as_text=True)
    assert "Rephrase nudges" in page
    assert "Shown: <strong>3</strong>" in page
    assert "ended in an edit: <strong>2</strong> (67%)" in page


def test_a_reply_is_nudged_by_default(make_app):
    pytest.importorskip("plugins.comments")
    app = make_app(plugins=["comments", "moderation"], community={"moderation": "screened"})
    from forum.testing import add_board
    add_board(app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    ren.post("/b/general/new", data={"title": "My week", "body": "It was a long week."})
    topic = item_id(app, "My week")
    response = aoi.post(f"/items/{topic}/replies", data={"body": HURTFUL})
    assert response.status_code == 422 and "<q>you are pathetic</q>" in response.get_data(as_text=True)
    assert [i.type for i in items(app)] == ["discussion"]


def test_an_edit_that_would_hurt_is_nudged_and_the_saved_reply_stays_as_it_was(make_app):
    pytest.importorskip("plugins.comments")
    app = make_app(plugins=["comments", "moderation"], community={"moderation": "screened"})
    from forum.testing import add_board
    add_board(app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    ren.post("/b/general/new", data={"title": "My week", "body": "It was a long week."})
    aoi.post(f"/items/{item_id(app, 'My week')}/replies", data={"body": KINDER})
    [reply] = [i for i in items(app) if i.type == "reply"]
    response = aoi.post(f"/replies/{reply.id}/edit", data={"body": HURTFUL})
    assert response.status_code == 422 and "<q>you are pathetic</q>" in response.get_data(as_text=True)
    with app.app_context():
        kept = db.session.get(Item, reply.id)
        assert (kept.body, kept.status) == (KINDER, "published")
