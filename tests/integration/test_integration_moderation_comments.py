"""Moderation of replies (comments with moderation): screened like topics, queue cost with replies."""

from __future__ import annotations

import re

from forum.testing import add_board, member_client
from plugins.moderation.tests.helpers import item_id, post_topic, queue_entries, sql_log

CONTACT = "Text me on 090-1234-5678."


def test_replies_are_screened_like_topics(make_app):
    app = make_app(plugins=["comments", "moderation"], community={"moderation": "screened"})
    add_board(app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    post_topic(aoi, "Hello", "A first post.")
    topic = item_id(app, "Hello")
    nudged = ren.post(f"/items/{topic}/replies", data={"body": "You are an idiot."})
    assert nudged.status_code == 422 and queue_entries(app) == []  # first the author sees why
    confirm = re.search(r'name="nudge_confirm" value="(\w+)"', nudged.get_data(as_text=True)).group(1)
    ren.post(f"/items/{topic}/replies", data={"body": "You are an idiot.", "nudge_confirm": confirm})
    entries = queue_entries(app)
    assert [(e["kind"], e["rules"]) for e in entries] == [("held", ["hostility"])]
    assert "You are an idiot" not in aoi.get(f"/t/{topic}").get_data(as_text=True)


def test_queue_and_pages_with_report_links_cost_constant_queries(make_app):
    app = make_app(plugins=["comments", "moderation"], community={"moderation": "screened"})
    add_board(app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    moderator = member_client(app, "sora", "moderator")
    post_topic(aoi, "Topic", "Hello")
    topic = item_id(app, "Topic")

    def cost(url, client):
        with sql_log(app) as statements:
            assert client.get(url).status_code == 200
        return len(statements)

    def add(count):
        for n in range(count):
            post_topic(aoi, f"Held {n}", CONTACT)
            ren.post(f"/items/{topic}/replies", data={"body": f"Reply number {n}"})

    add(2)
    few = cost("/moderation/queue", moderator), cost(f"/t/{topic}", ren), cost(f"/t/{topic}", aoi)
    add(6)
    assert (cost("/moderation/queue", moderator), cost(f"/t/{topic}", ren), cost(f"/t/{topic}", aoi)) == few
