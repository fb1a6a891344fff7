"""A moderator's rejection cannot be side-stepped (issue 14, finding 2): unsharing and sharing
again, or editing, sends the item back to the queue whatever its status is meanwhile."""

import pytest
from sqlalchemy import select

from forum.core.api import Item, User, db, set_status
from forum.testing import NOTE_PLUGIN, add_board, add_user, member_client


def reject(app, item_id):
    with app.test_request_context():
        moderator = db.session.scalar(select(User).where(User.role == "moderator"))
        set_status(db.session.get(Item, item_id), "rejected", moderator, "reject", "not here")


def status_of(app, item_id):
    with app.app_context():
        item = db.session.get(Item, item_id)
        return item.status, item.visibility


@pytest.fixture
def notes(make_app):
    app = make_app(plugins=[NOTE_PLUGIN])
    add_user(app, "sora_mod", role="moderator")
    return app


def shared_note(app, client, text="a note to share"):
    assert client.post("/notes/new", data={"text": text, "visibility": "community"}).status_code == 302
    with app.app_context():
        return db.session.scalar(select(Item.id).where(Item.type == "note").order_by(Item.id.desc()))


def test_unshare_then_share_again_goes_back_to_the_queue(notes):
    client = member_client(notes, "aoi")
    note = shared_note(notes, client)
    reject(notes, note)
    client.post(f"/items/{note}/visibility", data={"visibility": "private"})
    assert status_of(notes, note) == ("published", "private")  # the author still sees it
    client.post(f"/items/{note}/visibility", data={"visibility": "community"})
    assert status_of(notes, note) == ("held", "community")
    assert "a note to share" not in notes.test_client().get("/notes/").get_data(as_text=True)


def test_editing_after_unsharing_goes_back_to_the_queue(notes):
    client = member_client(notes, "aoi")
    note = shared_note(notes, client)
    reject(notes, note)
    client.post(f"/items/{note}/visibility", data={"visibility": "private"})
    client.post(f"/notes/{note}/edit", data={"text": "the same, edited", "visibility": "private"})
    client.post(f"/notes/{note}/edit", data={"text": "the same, edited", "visibility": "community"})
    assert status_of(notes, note) == ("held", "community")


def test_a_moderators_approval_lifts_the_rejection(notes):
    client = member_client(notes, "aoi")
    note = shared_note(notes, client)
    reject(notes, note)
    with notes.test_request_context():
        moderator = db.session.scalar(select(User).where(User.role == "moderator"))
        set_status(db.session.get(Item, note), "published", moderator, "approve")
    client.post(f"/notes/{note}/edit", data={"text": "edited after approval", "visibility": "community"})
    assert status_of(notes, note) == ("published", "community")


def test_a_rejected_topic_edited_is_held(make_app):
    app = make_app()
    add_user(app, "sora_mod", role="moderator")
    add_board(app)
    client = member_client(app, "aoi")
    assert client.post("/b/general/new", data={"title": "A title", "body": "text"}).status_code == 302
    with app.app_context():
        topic = db.session.scalar(select(Item.id))
    reject(app, topic)
    client.post(f"/t/{topic}/edit", data={"title": "A title", "body": "text again"})
    assert status_of(app, topic)[0] == "held"


def test_a_rejected_thought_record_shared_again_is_held(make_app):
    pytest.importorskip("plugins.thought_record")
    app = make_app(plugins=["thought_record"])
    add_user(app, "sora_mod", role="moderator")
    client = member_client(app, "aoi")
    with app.app_context():
        author = db.session.scalar(select(User).where(User.username == "aoi"))
        record = Item(type="thought_record", author_id=author.id, visibility="community",
                      data={"situation": "at work"}, body="")
        db.session.add(record)
        db.session.commit()
        record_id = record.id
    reject(app, record_id)
    client.post(f"/items/{record_id}/visibility", data={"visibility": "private"})
    client.post(f"/items/{record_id}/visibility", data={"visibility": "community"})
    assert status_of(app, record_id) == ("held", "community")
