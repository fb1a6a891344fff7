"""Mute and block with replies and reactions: a muted member's replies vanish from threads and
reply counts; a blocked member's reply or reaction to the blocker's item is refused with 404."""

from __future__ import annotations

from plugins.mute.tests.test_mute import client_of, mute, write


def make(make_app):
    from forum.testing import NOTE_PLUGIN, add_board, add_user

    app = make_app(plugins=["mute", "comments", "reactions", NOTE_PLUGIN], reactions={"note": ["like"]},
                   comments={"types": ["discussion"]})
    add_board(app)
    for name in ("aoi", "ren", "kai"):
        add_user(app, name)
    return app


def test_muted_replies_leave_threads_and_counts(make_app):
    app = make(make_app)
    aoi, kai = client_of(app, "aoi"), client_of(app, "kai")
    topic = write(app, "kai", "campfire")
    ren = client_of(app, "ren")
    assert ren.post(f"/items/{topic}/replies", data={"body": "ember words"}).status_code == 302
    assert "ember words" in aoi.get(f"/t/{topic}").get_data(as_text=True)
    assert "1 reply" in aoi.get("/b/general").get_data(as_text=True)
    mute(aoi, "ren")
    thread = aoi.get(f"/t/{topic}").get_data(as_text=True)
    assert "ember words" not in thread and "0 replies" in thread
    assert "0 replies" in aoi.get("/b/general").get_data(as_text=True)
    assert "1 reply" in kai.get("/b/general").get_data(as_text=True)


def test_blocked_member_cannot_reply_or_react(make_app):
    app = make(make_app)
    aoi, ren = client_of(app, "aoi"), client_of(app, "ren")
    topic = write(app, "aoi", "orchard")
    note = write(app, "aoi", "orchard note", kind="note")
    assert ren.post(f"/items/{note}/reactions/like").status_code in (200, 302)
    ren.post(f"/items/{note}/reactions/like")  # toggled off again
    mute(aoi, "ren", "block")
    reply = ren.post(f"/items/{topic}/replies", data={"body": "let me in"})
    react = ren.post(f"/items/{note}/reactions/like")
    assert reply.status_code == 404 and react.status_code == 404
    assert "orchard" not in reply.get_data(as_text=True) + react.get_data(as_text=True)
    # ren's earlier replies to others' topics stay out of aoi's view too.
    other = write(app, "kai", "bridge")
    ren.post(f"/items/{other}/replies", data={"body": "river words"})
    assert "river words" not in aoi.get(f"/t/{other}").get_data(as_text=True)
