"""The fake note type works like a real content type: private by default, shareable, footers."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from forum.core.api import Item, db
from forum.testing import NOTE_PLUGIN, add_demo_content, mark_item_footers, member_client, record_usage_events


def notes_app(make_app) -> Flask:
    app = make_app(plugins=[NOTE_PLUGIN])
    mark_item_footers(app)
    return app


def write(client, text: str, visibility: str | None = None) -> int:
    data = {"text": text} if visibility is None else {"text": text, "visibility": visibility}
    response = client.post("/notes/new", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_a_note_is_private_by_default_and_shared_on_request(make_app):
    app = notes_app(make_app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    form = aoi.get("/notes/new").get_data(as_text=True)
    assert 'checked id="visibility-0" name="visibility" type="radio" value="private"' in form
    private = write(aoi, "Just for me", "private")
    assert "Just for me" in aoi.get("/notes/mine").get_data(as_text=True)
    assert ren.get(f"/notes/{private}").status_code == 404
    assert "Just for me" not in ren.get("/notes/").get_data(as_text=True)

    assert aoi.post(f"/items/{private}/visibility", data={"visibility": "community"}).status_code == 302
    assert "Just for me" in ren.get(f"/notes/{private}").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Item, private).visibility == "community"


def test_every_note_shows_the_item_footer(make_app):
    app = notes_app(make_app)
    aoi = member_client(app, "aoi")
    note = write(aoi, "Shared", "community")
    assert f'data-footer-of="{note}"' in aoi.get("/notes/").get_data(as_text=True)
    assert f'data-footer-of="{note}"' in aoi.get(f"/notes/{note}").get_data(as_text=True)
    assert f'data-footer-of="{note}"' in aoi.get("/notes/mine").get_data(as_text=True)


def test_editing_keeps_the_note_and_bad_input_is_explained(make_app):
    app = notes_app(make_app)
    aoi = member_client(app, "aoi")
    note = write(aoi, "First", "private")
    assert "First" in aoi.get(f"/notes/{note}/edit").get_data(as_text=True)
    assert aoi.post(f"/notes/{note}/edit", data={"text": "Second *edit*",
                                                 "visibility": "private"}).status_code == 302
    assert "<em>edit</em>" in aoi.get(f"/notes/{note}").get_data(as_text=True)
    empty = aoi.post("/notes/new", data={"text": " ", "visibility": "private"})
    assert empty.status_code == 422 and "Write the note." in empty.get_data(as_text=True)
    other = member_client(app, "ren")
    assert other.post(f"/notes/{note}/edit", data={"text": "hijack"}).status_code == 404


def test_writing_and_reading_others_count_as_using_notes(make_app):
    app = notes_app(make_app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    events = record_usage_events(app)
    note = write(aoi, "Hello", "community")
    ren.get(f"/notes/{note}")
    assert events == [("aoi", "note"), ("ren", "note")]


def test_demo_adds_one_shared_note_per_member(make_app):
    app = notes_app(make_app)
    add_demo_content(app)
    with app.app_context():
        notes = db.session.scalars(select(Item).where(Item.type == "note")).all()
        assert sorted(note.author.username for note in notes) == ["aoi", "mika", "ren"]
        assert {note.visibility for note in notes} == {"community"}
