"""Profiles: one per member, optional answers, shown to members with the item footer.

Profiles alone; answering them with Like (reactions) is in tests/integration/."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from forum.core.api import Item, User, db
from forum.testing import add_demo_content, mark_item_footers, member_client

ANSWERS = {"sex": "female", "age_group": "20s", "recovery": "6",
           "story": "Walking *every day* helped me.", "message": "You are not alone."}


@pytest.fixture
def app(make_app) -> Flask:
    app = make_app(plugins=["profiles"])
    mark_item_footers(app)
    return app


def profiles_of(app: Flask, name: str) -> list[Item]:
    with app.app_context():
        return list(db.session.scalars(select(Item).join(User, Item.author_id == User.id).where(
            Item.type == "profile", User.username == name)))


def test_member_creates_and_edits_one_profile(app):
    aoi = member_client(app, "aoi")
    page = aoi.get("/u/aoi").get_data(as_text=True)
    assert "You have no profile yet." in page and 'href="/profile/edit"' in page
    response = aoi.post("/profile/edit", data=ANSWERS)
    assert response.status_code == 302 and response.headers["Location"] == "/u/aoi#profile"
    aoi.post("/profile/edit", data={**ANSWERS, "recovery": "7", "sex": "prefer_not_to_say"})
    [profile] = profiles_of(app, "aoi")
    assert profile.data == {"sex": "prefer_not_to_say", "age_group": "20s", "recovery": "7",
                            "message": "You are not alone."}
    assert profile.body == "Walking *every day* helped me."
    form = aoi.get("/profile/edit").get_data(as_text=True)
    assert '<option selected value="7">' in form and "Walking *every day* helped me." in form


def test_other_members_see_the_profile_on_the_member_page(app):
    member_client(app, "aoi").post("/profile/edit", data=ANSWERS)
    page = member_client(app, "ren").get("/u/aoi").get_data(as_text=True)
    assert "Female" in page and "20s" in page and "6 of 10" in page
    assert "<em>every day</em>" in page and "You are not alone." in page
    [profile] = profiles_of(app, "aoi")
    assert f'data-footer-of="{profile.id}"' in page and "/profile/edit" not in page


def test_prefer_not_to_say_and_blank_answers_are_not_shown(app):
    aoi = member_client(app, "aoi")
    aoi.post("/profile/edit", data={"sex": "prefer_not_to_say", "age_group": "", "recovery": ""})
    page = member_client(app, "ren").get("/u/aoi").get_data(as_text=True)
    assert "Prefer not to say" not in page and "Age group" not in page and "of 10" not in page
    assert 'id="profile"' in page


def test_profiles_are_for_signed_in_members(app):
    member_client(app, "aoi").post("/profile/edit", data=ANSWERS)
    visitor = app.test_client()
    assert "You are not alone." not in visitor.get("/u/aoi").get_data(as_text=True)
    response = visitor.get("/profiles")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert visitor.get("/profile/edit").status_code == 302


BAD_ANSWERS = [
    ({"sex": "robot"}, "Choose one of the options for sex."),
    ({"age_group": "90s"}, "Choose one of the age groups."),
    ({"recovery": "11"}, "Choose a number from 0 to 10."),
    ({"recovery": "-1"}, "Choose a number from 0 to 10."),
    ({"story": "x" * 2001}, "Keep your story under 2000 characters."),
    ({"message": "x" * 501}, "Keep your message under 500 characters."),
]


def test_bad_answers_are_explained_in_the_form(app):
    aoi = member_client(app, "aoi")
    for fields, message in BAD_ANSWERS:
        response = aoi.post("/profile/edit", data={**ANSWERS, **fields})
        assert response.status_code == 422, fields
        assert message in response.get_data(as_text=True), fields
    assert profiles_of(app, "aoi") == []


def test_profile_texts_are_screened_and_reading_is_usage(make_app):
    from tests import recorder_plugin

    app = make_app(plugins=["profiles", "tests.recorder_plugin"])
    aoi = member_client(app, "aoi")
    recorder_plugin.calls.clear()
    response = aoi.post("/profile/edit", data={**ANSWERS, "message": "a forbidden word"})
    assert response.status_code == 422 and "No forbidden words." in response.get_data(as_text=True)
    assert profiles_of(app, "aoi") == []
    assert {call["context"].field for call in recorder_plugin.called("forum_screen")} == {"body", "message"}
    aoi.get("/profiles")
    assert [call["function"] for call in recorder_plugin.called("forum_usage_event")
            if call["function"] != "sign_in"] == ["read_profiles"]


def test_directory_lists_public_profiles_with_their_footers(app):
    for name in ("aoi", "ren"):
        member_client(app, name).post("/profile/edit", data={**ANSWERS, "message": f"Hi from {name}"})
    directory = member_client(app, "mika").get("/profiles").get_data(as_text=True)
    assert "Hi from aoi" in directory and "Hi from ren" in directory
    for name in ("aoi", "ren"):
        [profile] = profiles_of(app, name)
        assert f'data-footer-of="{profile.id}"' in directory


def test_private_profile_is_hidden_from_others(app):
    aoi = member_client(app, "aoi")
    aoi.post("/profile/edit", data=ANSWERS)
    [profile] = profiles_of(app, "aoi")
    aoi.post(f"/items/{profile.id}/visibility", data={"visibility": "private"})
    ren = member_client(app, "ren")
    assert "You are not alone." not in ren.get("/u/aoi").get_data(as_text=True)
    assert "You are not alone." not in ren.get("/profiles").get_data(as_text=True)
    assert "Only you" in aoi.get("/u/aoi").get_data(as_text=True)


def test_author_removes_the_profile(app):
    aoi = member_client(app, "aoi")
    aoi.post("/profile/edit", data=ANSWERS)
    [profile] = profiles_of(app, "aoi")
    assert f'action="/items/{profile.id}/delete"' in aoi.get("/profile/edit").get_data(as_text=True)
    aoi.post(f"/items/{profile.id}/delete", data={"next": "/u/aoi"})
    assert "You have no profile yet." in aoi.get("/u/aoi").get_data(as_text=True)
    aoi.post("/profile/edit", data={"message": "Starting again"})
    assert [p.status for p in profiles_of(app, "aoi")] == ["deleted", "published"]


def test_nav_link_and_routes_go_with_the_plugin(make_app):
    with_plugin = make_app(plugins=["profiles"])
    assert 'href="/profiles"' in member_client(with_plugin, "aoi").get("/").get_data(as_text=True)
    without = make_app()
    ren = member_client(without, "ren")
    assert ren.get("/profiles").status_code == 404 and ren.get("/profile/edit").status_code == 404
    assert 'href="/profiles"' not in ren.get("/").get_data(as_text=True)
    assert 'id="profile"' not in ren.get("/u/ren").get_data(as_text=True)


def test_demo_profiles(app):
    add_demo_content(app)
    with app.app_context():
        authors = db.session.scalars(select(User.username).join(Item, Item.author_id == User.id).where(
            Item.type == "profile", Item.status == "published"))
        assert sorted(authors) == ["aoi", "mika", "ren"]
