"""Reactions: the policy per type, who may react to what, toggling, counts and the footer.

On the fake "note" type alone; reactions with real content plugins (FunCan, profiles) and with
comments are in tests/integration/."""

from __future__ import annotations

import importlib
import re

import pytest
from flask import Flask
from sqlalchemy import event, select

from forum.core.api import ConfigError, Item, User, db, forum_state, hookimpl, prepare_items
from forum.testing import NOTE_PLUGIN, add_user, member_client, record_usage_events
from plugins.reactions.models import Reaction

NOTE_KINDS = ["like", "great", "interesting", "want_to_do"]
NOTE_REACTIONS = {"note": NOTE_KINDS}


@pytest.fixture
def notes(make_app) -> Flask:
    return make_app(plugins=["reactions", NOTE_PLUGIN], reactions=NOTE_REACTIONS)


def add_entry(app: Flask, author: str, visibility: str = "community", status: str = "published") -> int:
    """A note straight in the database (the note plugin tests its own form)."""
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == author))
        item = Item(type="note", author_id=user.id, body="A walk", body_html="<p>A walk</p>",
                    data={}, visibility=visibility, status=status)
        db.session.add(item)
        db.session.commit()
        return item.id


def reactions_on(app: Flask, item_id: int) -> list[tuple[str, str]]:
    with app.app_context():
        rows = db.session.execute(select(User.username, Reaction.kind).join(User).where(
            Reaction.item_id == item_id).order_by(User.username, Reaction.kind))
        return [tuple(row) for row in rows]


def button(html: str, kind: str) -> str:
    found = re.search(rf'<button[^>]*data-kind="{kind}"[^>]*>.*?</button>', html, re.S)
    assert found, f"no {kind} button in page"
    return found.group(0)


def test_policy_comes_from_config(notes):
    with notes.app_context():
        policies = forum_state().policies
        assert policies["note"].reactions == tuple(NOTE_KINDS)
        assert policies["note"].provider == "reactions"
        assert not policies["note"].comments
        assert "discussion" not in policies


def test_member_toggles_a_reaction(notes):
    author = member_client(notes, "aoi")
    entry = add_entry(notes, "aoi")
    ren = member_client(notes, "ren")

    response = ren.post(f"/items/{entry}/reactions/great", data={"next": "/notes/"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/notes/#reactions-{entry}"
    assert reactions_on(notes, entry) == [("ren", "great")]
    great = button(ren.get("/notes/").get_data(as_text=True), "great")
    assert 'aria-pressed="true"' in great and "Great!: 1 member" in great
    assert 'aria-pressed="false"' in button(ren.get("/notes/").get_data(as_text=True), "like")

    ren.post(f"/items/{entry}/reactions/great")
    assert reactions_on(notes, entry) == []
    great = button(ren.get("/notes/").get_data(as_text=True), "great")
    assert 'aria-pressed="false"' in great and "Great!: 0 members" in great
    assert author.get("/notes/").status_code == 200


def test_counts_add_up_over_members_and_kinds(notes):
    add_user(notes, "aoi")
    entry = add_entry(notes, "aoi")
    ren, mika = member_client(notes, "ren"), member_client(notes, "mika")
    for client, kind in ((ren, "great"), (mika, "great"), (mika, "like")):
        client.post(f"/items/{entry}/reactions/{kind}")
    html = member_client(notes, "kai").get(f"/notes/{entry}").get_data(as_text=True)
    assert "Great!: 2 members" in html and "Like: 1 member" in html
    assert "Interesting: 0 members" in html


HIDDEN: dict[str, set[str]] = {}  # viewer -> members they muted, for the hook below
THIS_PLUGIN = "plugins.reactions.tests.test_reactions_toggle"


@hookimpl
def forum_hidden_authors(viewer: User) -> set[int]:
    names = HIDDEN.get(viewer.username, set())
    return set(db.session.scalars(select(User.id).where(User.username.in_(names)))) if names else set()


def test_counts_leave_out_members_the_reader_muted(make_app, monkeypatch):
    app = make_app(plugins=["reactions", NOTE_PLUGIN, THIS_PLUGIN], reactions=NOTE_REACTIONS)
    add_user(app, "aoi")
    entry = add_entry(app, "aoi")
    ren, mika = member_client(app, "ren"), member_client(app, "mika")
    for client, kind in ((ren, "great"), (mika, "great"), (mika, "like")):
        client.post(f"/items/{entry}/reactions/{kind}")
    # The plugin is this file imported under its module name: its HIDDEN, not pytest's copy's.
    monkeypatch.setitem(importlib.import_module(THIS_PLUGIN).HIDDEN, "kai", {"mika"})
    html = member_client(app, "kai").get(f"/notes/{entry}").get_data(as_text=True)
    assert "Great!: 1 member" in html and "Like: 0 members" in html
    html = member_client(app, "sora").get(f"/notes/{entry}").get_data(as_text=True)
    assert "Great!: 2 members" in html and "Like: 1 member" in html  # others count everyone


def test_reacting_is_reported_as_usage(make_app):
    app = make_app(plugins=["reactions", NOTE_PLUGIN], reactions={"note": ["like"]})
    add_user(app, "aoi")
    entry = add_entry(app, "aoi")
    ren = member_client(app, "ren")
    events = record_usage_events(app)
    ren.post(f"/items/{entry}/reactions/like")
    assert events == [("ren", "react")]


def test_kind_outside_the_types_set_is_refused(notes):
    add_user(notes, "aoi")
    entry = add_entry(notes, "aoi")
    ren = member_client(notes, "ren")
    assert ren.post(f"/items/{entry}/reactions/empathy").status_code == 404  # a known kind, not for FunCan
    assert ren.post(f"/items/{entry}/reactions/hate").status_code == 404
    assert reactions_on(notes, entry) == []


def test_author_cannot_react_to_own_entry_and_sees_counts_only(notes):
    aoi = member_client(notes, "aoi")
    entry = add_entry(notes, "aoi")
    response = aoi.post(f"/items/{entry}/reactions/great")
    assert response.status_code == 403
    assert "react to your own entry" in response.get_data(as_text=True)
    assert reactions_on(notes, entry) == []

    member_client(notes, "ren").post(f"/items/{entry}/reactions/like")
    html = aoi.get(f"/notes/{entry}").get_data(as_text=True)
    assert f"/items/{entry}/reactions/" not in html
    assert "Like: 1 member" in html


def test_private_or_held_entries_cannot_be_reacted_to(make_app):
    app = make_app(plugins=["reactions", NOTE_PLUGIN], reactions=NOTE_REACTIONS)
    add_user(app, "aoi")
    private = add_entry(app, "aoi", visibility="private")
    held = add_entry(app, "aoi", status="held")
    ren = member_client(app, "ren")
    moderator = member_client(app, "sora_mod", role="moderator")
    for client in (ren, moderator):
        assert client.post(f"/items/{private}/reactions/great").status_code == 404
        assert client.post(f"/items/{held}/reactions/great").status_code == 404
    assert reactions_on(app, private) == [] and reactions_on(app, held) == []


def test_visitors_must_sign_in_and_see_counts_only(make_app):
    app = make_app(plugins=["reactions", NOTE_PLUGIN], reactions={"note": ["like"]})
    aoi = member_client(app, "aoi")
    aoi.post("/notes/new", data={"text": "Hello", "visibility": "community"})
    with app.app_context():
        note_id = db.session.scalar(select(Item.id).where(Item.type == "note"))
    visitor = app.test_client()
    response = visitor.post(f"/items/{note_id}/reactions/like")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert reactions_on(app, note_id) == []
    member_client(app, "ren").post(f"/items/{note_id}/reactions/like")
    html = member_client(app, "mika").get("/notes/").get_data(as_text=True)
    assert 'aria-pressed="false"' in button(html, "like") and "Like: 1 member" in html


def test_visitors_get_counts_without_buttons(notes):
    from plugins.reactions import views

    add_user(notes, "aoi")
    entry = add_entry(notes, "aoi")
    member_client(notes, "ren").post(f"/items/{entry}/reactions/great")
    with notes.test_request_context("/somewhere"):
        item = db.session.get(Item, entry)
        prepare_items([item], None)
        footer = str(views.footers([item], None)[item.id])
    assert "<form" not in footer and "Great!: 1 member" in footer and "Like" not in footer


def test_next_must_stay_on_this_site(notes):
    add_user(notes, "aoi")
    entry = add_entry(notes, "aoi")
    ren = member_client(notes, "ren")
    response = ren.post(f"/items/{entry}/reactions/like", data={"next": "https://evil.example/"})
    assert response.headers["Location"].startswith("/")
    response = ren.post(f"/items/{entry}/reactions/like")
    assert response.headers["Location"] == f"/notes/{entry}#reactions-{entry}"


def test_feed_reactions_cost_the_same_queries_for_many_items(notes):
    add_user(notes, "aoi")
    ren = member_client(notes, "ren")

    def queries_for_feed() -> int:
        with notes.app_context():
            engine = db.engine
        statements: list[str] = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            assert ren.get("/notes/").status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return sum("reactions" in statement for statement in statements)

    entries = [add_entry(notes, "aoi") for _ in range(2)]
    ren.post(f"/items/{entries[0]}/reactions/great")
    few = queries_for_feed()
    for _ in range(8):
        ren.post(f"/items/{add_entry(notes, 'aoi')}/reactions/like")
    assert queries_for_feed() == few == 2  # counts, and the viewer's own


def test_config_errors_stop_start_up(make_app):
    cases = {
        "unknown reaction": ({"note": ["like", "hug"]}, "unknown reaction 'hug'"),
        "unknown type": ({"diary": ["like"]}, "no enabled plugin declares the content type 'diary'"),
        "empty list": ({"note": []}, "empty list"),
        "twice": ({"note": ["like", "like"]}, "lists a reaction twice"),
        "not a name": ({"note": [3]}, "unknown reaction 3"),
    }
    for table, message in cases.values():
        with pytest.raises(ConfigError, match=message) as error:
            make_app(plugins=["reactions", NOTE_PLUGIN], reactions=table)
        assert "[reactions] " in str(error.value) and "Fix:" in str(error.value)


def test_conflicting_policies_stop_start_up(make_app):
    """The test recorder declares "note" with a policy of its own; reactions may not add a second."""
    with pytest.raises(ConfigError, match="two reaction policies"):
        make_app(plugins=["reactions", "tests.recorder_plugin"], reactions={"note": ["like"]})


def test_without_the_plugin_there_are_no_reactions(make_app):
    app = make_app(plugins=[NOTE_PLUGIN])
    add_user(app, "aoi")
    entry = add_entry(app, "aoi")
    ren = member_client(app, "ren")
    assert ren.post(f"/items/{entry}/reactions/like").status_code == 404
    assert 'id="reactions-' not in ren.get("/notes/").get_data(as_text=True)


def test_demo_reactions_answer_shared_items_with_allowed_kinds_never_by_the_author(notes):
    from forum.testing import add_demo_content

    add_demo_content(notes)
    with notes.app_context():
        rows = db.session.execute(select(Reaction.kind, Item.type, Item.author_id, Reaction.user_id,
                                         Item.visibility).join(Item, Item.id == Reaction.item_id)).all()
    assert rows, "the demo shows reactions"
    for kind, item_type, author_id, reactor_id, visibility in rows:
        assert kind in NOTE_REACTIONS[item_type] and author_id != reactor_id
        assert visibility == "community"
