"""Content warnings: the author's choice on the compose form, each reader's show / collapse / hide,
a screening rule's warning (host option), search snippets, and bad input kept in a 422 form.
Runs with only the core, the note type and this plugin (plus a test screening rule)."""

from __future__ import annotations

import os

import pytest
from flask import Flask
from sqlalchemy import select

from forum.core.api import Action, Item, User, Verdict, db, hookimpl
from forum.testing import NOTE_PLUGIN, add_board, add_user, login
from plugins.content_warnings.models import ContentWarning, WarningChoice

THIS = "plugins.content_warnings.tests.test_content_warnings"
BACKENDS = ["whoosh", "postgresql"] if os.environ.get("FORUM_TEST_DATABASE_URL") else ["whoosh"]


@hookimpl
def forum_screen(text: str) -> list[Verdict]:
    """A stand-in screening rule: flags any text that says "razor"."""
    return [Verdict("test_rule", Action.FLAG, "test")] if "razor" in text else []


@pytest.fixture(params=BACKENDS)
def app(request, make_app, database_url) -> Flask:
    if request.param == "postgresql" and not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL search needs the PostgreSQL database")
    app = make_app(plugins=["content_warnings", NOTE_PLUGIN, THIS], search={"backend": request.param},
                   content_warnings={"from_screening": {"test_rule": "self_harm"}})
    add_board(app)
    for name in ("aoi", "ren"):
        add_user(app, name)
    return app


def client_of(app: Flask, name: str):
    client = app.test_client()
    login(client, name)
    return client


def post_topic(client, body: str, kind: str = "trauma", note: str = "hospital stay") -> int:
    response = client.post("/b/general/new", data={"title": "My week", "body": body,
                                                    "cw_kind": kind, "cw_note": note})
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[-1])


def test_reader_opens_a_warned_post_in_one_click(app):
    aoi, ren = client_of(app, "aoi"), client_of(app, "ren")
    form = aoi.get("/b/general/new").get_data(as_text=True)
    assert 'name="cw_kind"' in form and ">Trauma</option>" in form
    topic = post_topic(aoi, "A hard memory of the ward")
    page = ren.get(f"/t/{topic}").get_data(as_text=True)
    assert '<details class="cw"><summary><strong>Content warning: Trauma</strong> · hospital stay' in page
    details = page.split('<details class="cw">')[1].split("</details>")[0]
    assert "A hard memory of the ward" in details
    # Visitors (public_read) get it folded too; the author sees the text with its label.
    assert '<details class="cw">' in app.test_client().get(f"/t/{topic}").get_data(as_text=True)
    own = aoi.get(f"/t/{topic}").get_data(as_text=True)
    assert '<p class="cw-label">' in own and '<details class="cw">' not in own
    # The edit form shows the warning chosen.
    edit = aoi.get(f"/t/{topic}/edit").get_data(as_text=True)
    assert '<option value="trauma" selected>' in edit and 'value="hospital stay"' in edit


def test_each_reader_chooses_show_collapse_or_hide(app):
    aoi, ren = client_of(app, "aoi"), client_of(app, "ren")
    topic = post_topic(aoi, "Words about the ward")
    assert ren.post("/warnings", data={"trauma": "hide", "suicide": "show"}).status_code == 302
    hidden = ren.get(f"/t/{topic}").get_data(as_text=True)
    assert "Words about the ward" not in hidden and 'class="cw cw-hidden"' in hidden
    ren.post("/warnings", data={"trauma": "show"})
    shown = ren.get(f"/t/{topic}").get_data(as_text=True)
    assert "Words about the ward" in shown and "<details" not in shown.split("<main")[-1]
    page = ren.get("/warnings").get_data(as_text=True)
    assert 'id="cw-trauma-show" name="trauma" value="show" checked' in page
    assert ren.post("/warnings", data={"trauma": "explode"}).status_code == 400
    with app.app_context():
        rows = db.session.scalars(select(WarningChoice)).all()
        assert [(row.kind, row.choice) for row in rows] == [("trauma", "show")]


def test_bad_warning_keeps_the_text(app):
    aoi = client_of(app, "aoi")
    for data, message in (({"cw_kind": "gore"}, "Choose a content warning from the list."),
                          ({"cw_kind": "trauma", "cw_note": "x" * 81}, "under 80 characters"),
                          ({"cw_note": "words only"}, "Choose which content warning")):
        response = aoi.post("/b/general/new", data={"title": "Kept", "body": "my long text", **data})
        assert response.status_code == 422
        html = response.get_data(as_text=True)
        assert message in html and "my long text" in html
    with app.app_context():
        assert db.session.scalar(select(Item.id).where(Item.type == "discussion")) is None


def test_author_removes_the_warning_but_not_a_rules(app):
    aoi = client_of(app, "aoi")
    topic = post_topic(aoi, "plain words")
    aoi.post(f"/t/{topic}/edit", data={"title": "My week", "body": "plain words", "cw_kind": ""})
    with app.app_context():
        assert db.session.get(ContentWarning, topic) is None
    flagged = post_topic(aoi, "I used a razor last year", kind="", note="")
    with app.app_context():
        warning = db.session.get(ContentWarning, flagged)
        assert (warning.kind, warning.by_screening) == ("self_harm", True)
    aoi.post(f"/t/{flagged}/edit", data={"title": "My week", "body": "I used a razor last year"})
    with app.app_context():
        assert db.session.get(ContentWarning, flagged).kind == "self_harm"
    assert "Content warning: Self-harm" in client_of(app, "ren").get(f"/t/{flagged}").get_data(as_text=True)


def test_entry_types_take_a_warning_and_search_snippets_respect_it(app):
    aoi, ren = client_of(app, "aoi"), client_of(app, "ren")
    assert 'name="cw_kind"' in aoi.get("/notes/new").get_data(as_text=True)
    response = aoi.post("/notes/new", data={"text": "binge memories tonight", "visibility": "community",
                                            "cw_kind": "eating"})
    assert response.status_code == 302
    note = int(response.headers["Location"].rsplit("/", 1)[-1])
    assert '<details class="cw">' in ren.get(f"/notes/{note}").get_data(as_text=True)
    found = ren.get("/search?q=binge").get_data(as_text=True)
    assert f"/notes/{note}" in found
    snippet = found.split('class="snippet"')[1]
    assert snippet.index('<details class="cw">') < snippet.index("binge")
    ren.post("/warnings", data={"eating": "hide"})
    hidden = ren.get("/search?q=binge").get_data(as_text=True).split('class="snippet"')[1]
    assert "<mark>binge" not in hidden.split("</div>")[0] and "cw-hidden" in hidden


def test_unknown_screening_kind_stops_start_up(make_app):
    from forum.core.api import ConfigError

    with pytest.raises(ConfigError, match="not in choices"):
        make_app(plugins=["content_warnings"], content_warnings={"from_screening": {"x": "gore"}})


def test_export_and_delete(app):
    ren = client_of(app, "ren")
    ren.post("/warnings", data={"suicide": "hide"})
    assert ren.get("/me/export.json").get_json()["content_warning_choices"] == {"suicide": "hide"}
    with app.app_context():
        from forum.core.api import hook

        hook().forum_member_delete(user=db.session.scalar(select(User).where(User.username == "ren")))
        db.session.commit()
        assert db.session.scalars(select(WarningChoice)).all() == []
