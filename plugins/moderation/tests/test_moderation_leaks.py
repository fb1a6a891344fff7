"""Held, rejected, deleted and private items never reach another member, whatever the page.

Each hidden item carries a marker word; another member (and a visitor) then visits every
page, feed, search, report form and export, and must never meet a marker. The author sees
their own held item marked "waiting for review"; moderators see held community items but
never a private one.
"""

from __future__ import annotations

import re

from forum.testing import member_client
from plugins.moderation.tests.helpers import community, entry_for, item_id, post_topic, queue_entries

CONTACT = "call me on 090-1234-5678"
HIDDEN_FROM_MEMBERS = ("heldmarker", "rejectedmarker", "deletedmarker", "privatemarker", "privatecrisis",
                       "journalheldmarker", "unsharedmarker")
NEVER_FOR_MODERATORS = ("privatemarker", "privatecrisis", "unsharedmarker", "deletedmarker")


def write_journal(client, body, visibility, **options):
    return client.post("/journal/new", data={"body": body, "feeling": f"feeling {body.split()[0]}",
                                            "visibility": visibility}, **options)


def journal_id(app, marker):
    from sqlalchemy import select

    from forum.core.api import Item, db

    with app.app_context():
        return db.session.scalar(select(Item.id).where(Item.body.contains(marker)))


def build_community(make_app):
    app = community(make_app, "screened")
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    moderator = member_client(app, "sora", "moderator")
    post_topic(aoi, "visiblemarker topic", "Shared with everyone.")
    post_topic(aoi, "heldmarker topic", CONTACT)
    post_topic(aoi, "rejectedmarker topic", CONTACT)
    post_topic(aoi, "deletedmarker topic", "Soon gone.")
    rejected = entry_for(app, item_id(app, "rejectedmarker topic"))["id"]
    moderator.post(f"/moderation/queue/{rejected}/reject", data={"reject-message": "Not this one."})
    aoi.post(f"/items/{item_id(app, 'deletedmarker topic')}/delete", data={"next": "/"})
    write_journal(aoi, "journalvisible entry", "community")
    write_journal(aoi, "privatemarker entry", "private")
    crisis = write_journal(aoi, "privatecrisis I want to die", "private", follow_redirects=True)
    assert "Inochi no Denwa" in crisis.get_data(as_text=True)  # crisis path, even in private
    write_journal(aoi, f"journalheldmarker entry {CONTACT}", "community")
    write_journal(aoi, "unsharedmarker I am going to kill myself tonight", "community")
    aoi.post(f"/items/{journal_id(app, 'unsharedmarker')}/visibility", data={"visibility": "private"})
    return app, aoi, ren, moderator


def hidden_ids(app):
    topics = [item_id(app, f"{m} topic") for m in ("heldmarker", "rejectedmarker", "deletedmarker")]
    journals = [journal_id(app, m) for m in ("privatemarker", "privatecrisis", "journalheldmarker",
                                              "unsharedmarker")]
    return topics, journals


def pages_for(topics, journals):
    pages = ["/", "/b/general", "/u/aoi", "/journal/", "/moderation/notices"]
    pages += [f"/t/{i}" for i in topics] + [f"/journal/{i}" for i in journals]
    pages += [f"/moderation/report/{i}" for i in topics + journals]
    return pages


def search_hits(client, word):
    """How many results the search page reports (it repeats the query, so count, don't grep)."""
    page = client.get(f"/search?q={word}").get_data(as_text=True)
    found = re.search(r"(\d+) results?<", page)
    assert found, page
    return int(found.group(1))


def test_hidden_items_never_reach_another_member_or_a_visitor(make_app):
    app, _aoi, ren, _moderator = build_community(make_app)
    topics, journals = hidden_ids(app)
    visitor = app.test_client()
    for client in (ren, visitor):
        seen = ""
        for url in pages_for(topics, journals):
            response = client.get(url)
            assert response.status_code in (200, 302, 404), url
            seen += response.get_data(as_text=True)
        for marker in HIDDEN_FROM_MEMBERS:
            assert marker not in seen, marker
        assert "visiblemarker" in seen and "journalvisible" in seen  # the pages do list content
        assert [search_hits(client, marker) for marker in HIDDEN_FROM_MEMBERS] == [0] * 7
        assert search_hits(client, "visiblemarker") == 1
    export = ren.get("/me/export.json").get_data(as_text=True)
    assert not any(marker in export for marker in HIDDEN_FROM_MEMBERS)
    for url in [f"/t/{i}" for i in topics] + [f"/journal/{i}" for i in journals]:
        assert ren.get(url).status_code == 404, url


def test_the_author_sees_their_own_items_marked(make_app):
    app, aoi, _ren, _moderator = build_community(make_app)
    held = aoi.get(f"/t/{item_id(app, 'heldmarker topic')}").get_data(as_text=True)
    assert "heldmarker" in held and "Waiting for review" in held
    rejected = aoi.get(f"/t/{item_id(app, 'rejectedmarker topic')}").get_data(as_text=True)
    assert "Not published" in rejected and "Not this one." in rejected
    assert "privatemarker" in aoi.get(f"/journal/{journal_id(app, 'privatemarker')}").get_data(as_text=True)
    assert aoi.get(f"/t/{item_id(app, 'deletedmarker topic')}").status_code == 404


def test_moderators_see_held_community_items_but_never_private_ones(make_app):
    app, _aoi, _ren, moderator = build_community(make_app)
    topics, journals = hidden_ids(app)
    queue = moderator.get("/moderation/queue").get_data(as_text=True)
    assert "heldmarker" in queue and "journalheldmarker" in queue
    seen = queue
    for entry in queue_entries(app):
        seen += moderator.get(f"/moderation/queue/{entry['id']}").get_data(as_text=True)
    seen += moderator.get("/moderation/audit").get_data(as_text=True)
    for url in pages_for(topics, journals):
        seen += moderator.get(url).get_data(as_text=True)
    for marker in NEVER_FOR_MODERATORS:
        assert marker not in seen, marker
        assert search_hits(moderator, marker) == 0
    for private in (journal_id(app, m) for m in ("privatemarker", "privatecrisis", "unsharedmarker")):
        assert moderator.get(f"/journal/{private}").status_code == 404
        assert all(entry["item_id"] != private for entry in queue_entries(app))
    alert = next(entry for entry in queue_entries(app) if entry["kind"] == "alert")
    assert alert["urgent"] and alert["status"] == "open"  # the member who unshared may be at risk
