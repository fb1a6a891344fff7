"""Mute with notifications: a muted member's reply or reaction is never announced to the muter
(their items are hidden, so is the news of them); others' still are."""

from __future__ import annotations

from plugins.mute.tests.test_mute import client_of, mute, write
from plugins.notifications.tests.test_notifications import notifications_of


def test_a_muted_members_reply_and_reaction_bring_no_notification(make_app):
    from forum.testing import NOTE_PLUGIN, add_board, add_user

    app = make_app(plugins=["mute", "notifications", "comments", "reactions", NOTE_PLUGIN],
                   reactions={"note": ["like"]}, comments={"types": ["discussion"]})
    add_board(app)
    for name in ("aoi", "ren", "kai"):
        add_user(app, name)
    aoi, ren, kai = client_of(app, "aoi"), client_of(app, "ren"), client_of(app, "kai")
    topic = write(app, "aoi", "orchard")
    note = write(app, "aoi", "orchard note", kind="note")
    mute(aoi, "ren")
    assert ren.post(f"/items/{topic}/replies", data={"body": "pear words"}).status_code == 302
    assert ren.post(f"/items/{note}/reactions/like").status_code in (200, 302)
    assert notifications_of(app, "aoi") == []
    assert kai.post(f"/items/{topic}/replies", data={"body": "apple words"}).status_code == 302
    assert [kind for kind, _item in notifications_of(app, "aoi")] == ["reply"]
