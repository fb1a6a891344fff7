"""U2plus: FunCan entries and profiles answered with fixed reactions (funcan, profiles, reactions)."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from forum.core.api import Item, User, db, forum_state
from forum.testing import add_demo_content, member_client
from plugins.reactions.models import Reaction

FUNCAN_KINDS = ["like", "great", "interesting", "want_to_do"]
U2PLUS_REACTIONS = {"funcan": FUNCAN_KINDS, "profile": ["like"]}
ANSWERS = {"sex": "female", "age_group": "20s", "recovery": "6", "message": "You are not alone."}


@pytest.fixture
def u2plus(make_app) -> Flask:
    return make_app(plugins=["reactions", "funcan", "profiles"], reactions=U2PLUS_REACTIONS)


def write_entry(client: FlaskClient, text: str, visibility: str = "community") -> int:
    response = client.post("/funcan/new", data={"text": text, "category": "self_care",
                                                "day": date.today().isoformat(), "visibility": visibility})
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def profile_of(app: Flask, name: str) -> int:
    with app.app_context():
        return db.session.scalar(select(Item.id).join(User, Item.author_id == User.id).where(
            Item.type == "profile", User.username == name))


def reaction_count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Reaction))


def test_policy_comes_from_config(u2plus):
    with u2plus.app_context():
        policies = forum_state().policies
        assert policies["funcan"].reactions == tuple(FUNCAN_KINDS)
        assert policies["profile"].reactions == ("like",)
        assert not policies["funcan"].comments
        assert "discussion" not in policies


def test_shared_funcan_entry_carries_its_reactions(u2plus):
    aoi, ren = member_client(u2plus, "aoi"), member_client(u2plus, "ren")
    entry = write_entry(aoi, "A walk by the sea")
    assert f'id="reactions-{entry}"' in ren.get("/funcan/").get_data(as_text=True)
    assert ren.post(f"/items/{entry}/reactions/great", data={"next": "/funcan/"}).status_code == 302
    assert "Great!: 1 member" in ren.get(f"/funcan/{entry}").get_data(as_text=True)
    assert ren.post(f"/items/{entry}/reactions/empathy").status_code == 404  # not a FunCan kind


def test_private_funcan_entry_cannot_be_reacted_to(u2plus):
    aoi = member_client(u2plus, "aoi")
    entry = write_entry(aoi, "My secret win", visibility="private")
    for client in (member_client(u2plus, "ren"), member_client(u2plus, "sora_mod", role="moderator")):
        assert client.post(f"/items/{entry}/reactions/great").status_code == 404
    assert reaction_count(u2plus) == 0


def test_japanese_funcan_entry_gets_japanese_reactions(make_app):
    app = make_app(plugins=["reactions", "funcan"], reactions={"funcan": ["great"]},
                   community={"language": "ja"})
    entry = write_entry(member_client(app, "aoi"), "今日は散歩に行けました。")
    ren = member_client(app, "ren")
    ren.post(f"/items/{entry}/reactions/great")
    feed = ren.get("/funcan/").get_data(as_text=True)
    assert "今日は散歩に行けました。" in feed and "すごい！" in feed


def test_profiles_are_answered_with_like_only(u2plus):
    member_client(u2plus, "aoi").post("/profile/edit", data=ANSWERS)
    member_client(u2plus, "ren").post("/profile/edit", data={**ANSWERS, "message": "Hi from ren"})
    profile = profile_of(u2plus, "aoi")
    mika = member_client(u2plus, "mika")
    assert 'aria-pressed="false"' in mika.get("/u/aoi").get_data(as_text=True)
    assert mika.post(f"/items/{profile}/reactions/like", data={"next": "/profiles"}).status_code == 302
    directory = mika.get("/profiles").get_data(as_text=True)
    assert "Hi from ren" in directory and "Like: 1 member" in directory
    assert mika.post(f"/items/{profile}/reactions/great").status_code == 404


def test_own_profile_shows_counts_and_cannot_be_liked_by_its_author(u2plus):
    aoi = member_client(u2plus, "aoi")
    aoi.post("/profile/edit", data=ANSWERS)
    profile = profile_of(u2plus, "aoi")
    member_client(u2plus, "ren").post(f"/items/{profile}/reactions/like")
    assert aoi.post(f"/items/{profile}/reactions/like").status_code == 403
    page = aoi.get("/u/aoi").get_data(as_text=True)
    assert "Like: 1 member" in page and f"/items/{profile}/reactions/like" not in page
    assert reaction_count(u2plus) == 1


def test_visitors_must_sign_in_to_like_a_profile_and_private_ones_take_none(u2plus):
    aoi = member_client(u2plus, "aoi")
    aoi.post("/profile/edit", data=ANSWERS)
    profile = profile_of(u2plus, "aoi")
    response = u2plus.test_client().post(f"/items/{profile}/reactions/like")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    aoi.post(f"/items/{profile}/visibility", data={"visibility": "private"})
    assert member_client(u2plus, "ren").post(f"/items/{profile}/reactions/like").status_code == 404
    assert reaction_count(u2plus) == 0


def test_demo_reactions_answer_shared_entries_and_profiles(u2plus):
    add_demo_content(u2plus)
    with u2plus.app_context():
        rows = db.session.execute(select(Reaction.kind, Item.type, Item.author_id, Reaction.user_id,
                                         Item.visibility).join(Item, Item.id == Reaction.item_id)).all()
    assert len(rows) >= 2 and {item_type for _, item_type, *_ in rows} == {"funcan", "profile"}
    for kind, item_type, author_id, reactor_id, visibility in rows:
        assert kind in U2PLUS_REACTIONS[item_type] and author_id != reactor_id
        assert visibility == "community"
