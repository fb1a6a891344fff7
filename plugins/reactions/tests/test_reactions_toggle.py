"""Reactions: the policy per type, who may react to what, toggling, counts and the footer."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import event, func, select

from forum.core.api import ConfigError, Item, User, db, forum_state, prepare_items
from forum.testing import add_user, member_client
from plugins.reactions.models import Reaction

FUNCAN_KINDS = ["like", "great", "interesting", "want_to_do"]
U2PLUS_REACTIONS = {"funcan": FUNCAN_KINDS, "profile": ["like"]}


@pytest.fixture
def u2plus(make_app) -> Flask:
    return make_app(plugins=["reactions", "funcan", "profiles"], reactions=U2PLUS_REACTIONS)


def add_entry(app: Flask, author: str, visibility: str = "community", status: str = "published") -> int:
    """A FunCan entry straight in the database (the funcan plugin tests its own form)."""
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == author))
        item = Item(type="funcan", author_id=user.id, body="A walk", body_html="<p>A walk</p>",
                    data={"day": "2024-05-01"}, visibility=visibility, status=status)
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


def test_policy_comes_from_config(u2plus):
    with u2plus.app_context():
        policies = forum_state().policies
        assert policies["funcan"].reactions == tuple(FUNCAN_KINDS)
        assert policies["profile"].reactions == ("like",)
        assert not policies["funcan"].comments
        assert "discussion" not in policies


def test_member_toggles_a_reaction(u2plus):
    author = member_client(u2plus, "aoi")
    entry = add_entry(u2plus, "aoi")
    ren = member_client(u2plus, "ren")

    response = ren.post(f"/items/{entry}/reactions/great", data={"next": "/funcan/"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/funcan/#reactions-{entry}"
    assert reactions_on(u2plus, entry) == [("ren", "great")]
    great = button(ren.get("/funcan/").get_data(as_text=True), "great")
    assert 'aria-pressed="true"' in great and "Great!: 1 member" in great
    assert 'aria-pressed="false"' in button(ren.get("/funcan/").get_data(as_text=True), "like")

    ren.post(f"/items/{entry}/reactions/great")
    assert reactions_on(u2plus, entry) == []
    great = button(ren.get("/funcan/").get_data(as_text=True), "great")
    assert 'aria-pressed="false"' in great and "Great!: 0 members" in great
    assert author.get("/funcan/").status_code == 200


def test_counts_add_up_over_members_and_kinds(u2plus):
    add_user(u2plus, "aoi")
    entry = add_entry(u2plus, "aoi")
    ren, mika = member_client(u2plus, "ren"), member_client(u2plus, "mika")
    for client, kind in ((ren, "great"), (mika, "great"), (mika, "like")):
        client.post(f"/items/{entry}/reactions/{kind}")
    html = member_client(u2plus, "kai").get(f"/funcan/{entry}").get_data(as_text=True)
    assert "Great!: 2 members" in html and "Like: 1 member" in html
    assert "Interesting: 0 members" in html


def test_reacting_is_reported_as_usage(make_app):
    from tests import recorder_plugin

    app = make_app(plugins=["reactions", "funcan", "tests.recorder_plugin"], reactions={"funcan": ["like"]})
    add_user(app, "aoi")
    entry = add_entry(app, "aoi")
    ren = member_client(app, "ren")
    recorder_plugin.calls.clear()
    ren.post(f"/items/{entry}/reactions/like")
    assert [call["function"] for call in recorder_plugin.called("forum_usage_event")
            if call["function"] != "sign_in"] == ["react"]


def test_kind_outside_the_types_set_is_refused(u2plus):
    add_user(u2plus, "aoi")
    entry = add_entry(u2plus, "aoi")
    ren = member_client(u2plus, "ren")
    assert ren.post(f"/items/{entry}/reactions/empathy").status_code == 404  # a known kind, not for FunCan
    assert ren.post(f"/items/{entry}/reactions/hate").status_code == 404
    assert reactions_on(u2plus, entry) == []


def test_author_cannot_react_to_own_entry_and_sees_counts_only(u2plus):
    aoi = member_client(u2plus, "aoi")
    entry = add_entry(u2plus, "aoi")
    response = aoi.post(f"/items/{entry}/reactions/great")
    assert response.status_code == 403
    assert "react to your own entry" in response.get_data(as_text=True)
    assert reactions_on(u2plus, entry) == []

    member_client(u2plus, "ren").post(f"/items/{entry}/reactions/like")
    html = aoi.get(f"/funcan/{entry}").get_data(as_text=True)
    assert f"/items/{entry}/reactions/" not in html
    assert "Like: 1 member" in html


def test_private_or_held_entries_cannot_be_reacted_to(make_app):
    app = make_app(plugins=["reactions", "funcan"], reactions={"funcan": FUNCAN_KINDS})
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
    app = make_app(plugins=["reactions", "profiles"], reactions={"profile": ["like"]})
    aoi = member_client(app, "aoi")
    aoi.post("/profile/edit", data={"message": "Hello"})
    with app.app_context():
        profile_id = db.session.scalar(select(Item.id).where(Item.type == "profile"))
    visitor = app.test_client()
    response = visitor.post(f"/items/{profile_id}/reactions/like")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert reactions_on(app, profile_id) == []
    member_client(app, "ren").post(f"/items/{profile_id}/reactions/like")
    html = member_client(app, "mika").get("/profiles").get_data(as_text=True)
    assert 'aria-pressed="false"' in button(html, "like") and "Like: 1 member" in html


def test_visitors_get_counts_without_buttons(u2plus):
    from plugins.reactions import views

    add_user(u2plus, "aoi")
    entry = add_entry(u2plus, "aoi")
    member_client(u2plus, "ren").post(f"/items/{entry}/reactions/great")
    with u2plus.test_request_context("/somewhere"):
        item = db.session.get(Item, entry)
        prepare_items([item], None)
        footer = str(views.footer(item, None))
    assert "<form" not in footer and "Great!: 1 member" in footer and "Like" not in footer


def test_next_must_stay_on_this_site(u2plus):
    add_user(u2plus, "aoi")
    entry = add_entry(u2plus, "aoi")
    ren = member_client(u2plus, "ren")
    response = ren.post(f"/items/{entry}/reactions/like", data={"next": "https://evil.example/"})
    assert response.headers["Location"].startswith("/")
    response = ren.post(f"/items/{entry}/reactions/like")
    assert response.headers["Location"] == f"/funcan/{entry}#reactions-{entry}"


def test_feed_reactions_cost_the_same_queries_for_many_items(u2plus):
    add_user(u2plus, "aoi")
    ren = member_client(u2plus, "ren")

    def queries_for_feed() -> int:
        with u2plus.app_context():
            engine = db.engine
        statements: list[str] = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            assert ren.get("/funcan/").status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return sum("reactions" in statement for statement in statements)

    entries = [add_entry(u2plus, "aoi") for _ in range(2)]
    ren.post(f"/items/{entries[0]}/reactions/great")
    few = queries_for_feed()
    for _ in range(8):
        ren.post(f"/items/{add_entry(u2plus, 'aoi')}/reactions/like")
    assert queries_for_feed() == few == 2  # counts, and the viewer's own


def test_config_errors_stop_start_up(make_app):
    cases = {
        "unknown reaction": ({"funcan": ["like", "hug"]}, "unknown reaction 'hug'"),
        "unknown type": ({"diary": ["like"]}, "no enabled plugin declares the content type 'diary'"),
        "empty list": ({"funcan": []}, "empty list"),
        "twice": ({"funcan": ["like", "like"]}, "lists a reaction twice"),
        "not a name": ({"funcan": [3]}, "unknown reaction 3"),
    }
    for table, message in cases.values():
        with pytest.raises(ConfigError, match=message) as error:
            make_app(plugins=["reactions", "funcan"], reactions=table)
        assert "[reactions] " in str(error.value) and "Fix:" in str(error.value)


def test_conflicting_policies_stop_start_up(make_app):
    with pytest.raises(ConfigError, match="two reaction policies"):
        make_app(plugins=["reactions", "comments", "funcan"], reactions={"funcan": ["like"]},
                 comments={"types": ["funcan"]})


def test_replies_to_a_reaction_only_type_are_refused(make_app):
    app = make_app(plugins=["reactions", "comments", "funcan"], reactions={"funcan": ["like"]})
    add_user(app, "aoi")
    entry = add_entry(app, "aoi")
    ren = member_client(app, "ren")
    response = ren.post(f"/items/{entry}/replies", data={"body": "You should try harder"})
    assert 400 <= response.status_code < 500
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Item).where(Item.parent_id == entry)) == 0
    assert "<textarea" not in ren.get(f"/funcan/{entry}").get_data(as_text=True)


def test_without_the_plugin_there_are_no_reactions(make_app):
    app = make_app(plugins=["funcan"])
    add_user(app, "aoi")
    entry = add_entry(app, "aoi")
    ren = member_client(app, "ren")
    assert ren.post(f"/items/{entry}/reactions/like").status_code == 404
    assert 'id="reactions-' not in ren.get("/funcan/").get_data(as_text=True)


def test_demo_reactions_answer_shared_items_with_allowed_kinds_never_by_the_author(u2plus):
    from forum.testing import add_demo_content

    add_demo_content(u2plus)
    with u2plus.app_context():
        rows = db.session.execute(select(Reaction.kind, Item.type, Item.author_id, Reaction.user_id,
                                         Item.visibility).join(Item, Item.id == Reaction.item_id)).all()
    assert rows, "the demo shows reactions"
    for kind, item_type, author_id, reactor_id, visibility in rows:
        assert kind in U2PLUS_REACTIONS[item_type] and author_id != reactor_id
        assert visibility == "community"
