"""The personal safety plan: the member's own, at the top of the crisis page, seen by nobody else."""

from __future__ import annotations

import json

import pytest
from flask import Flask
from sqlalchemy import select

from forum.core.api import db
from forum.testing import PASSWORD, add_board, member_client
from plugins.safety_plan.models import SafetyPlan

PLAN = {"warning_signs": "Not sleeping, staying in my room", "coping": "Walk to the river\nHot shower",
        "distraction": "The library café", "help_people": "My sister Mei 090-1234-5678",
        "professionals": "Dr Ito at the clinic 03-0000-0000", "environment": "Give the pills to Mei",
        "reasons": "My cat Tama, finishing my degree"}
PAGE = "/me/safety-plan"


CRISIS_LINE = {"name": "Inochi no Denwa", "phone": "0570-783-556", "url": "https://www.inochinodenwa.org"}
HEADING = 'id="safety-plan-heading"'


@pytest.fixture
def app(make_app) -> Flask:
    return make_app(plugins=["safety_plan"], community={"crisis_resources": [CRISIS_LINE]})


def plan_texts_in(page: str) -> list[str]:
    return [text for text in PLAN.values() for line in text.split("\n") if line in page]


def test_a_member_writes_a_plan_and_need_help_now_links_to_it(app):
    aoi = member_client(app, "aoi")
    assert "Make my safety plan" in aoi.get("/me/data").get_data(as_text=True)
    assert aoi.post(PAGE, data=PLAN).status_code == 302
    page = aoi.get(PAGE).get_data(as_text=True)
    for line in ("Walk to the river", "Hot shower", "Give the pills to Mei", "My cat Tama"):
        assert line in page
    assert page.index("1. My warning signs") < page.index("7. My reasons for living")
    help_page = aoi.get("/help").get_data(as_text=True)  # drawn without the database: a link only
    assert help_page.index("<h1>") < help_page.index(f'href="{PAGE}"') < help_page.index("Inochi no Denwa")
    assert plan_texts_in(help_page) == []
    assert "Read or change my safety plan" in aoi.get("/u/aoi").get_data(as_text=True)


def test_nobody_else_ever_sees_it(app):
    aoi = member_client(app, "aoi")
    aoi.post(PAGE, data=PLAN)
    with app.app_context():
        plan_id = db.session.scalar(select(SafetyPlan.id))
    for name, role in (("ren", "member"), ("sora", "moderator"), ("hana", "host")):
        other = member_client(app, name, role)
        for path in (PAGE, "/help", "/u/aoi", "/me/data", "/me/export.json", "/search?q=Tama"):
            assert plan_texts_in(other.get(path).get_data(as_text=True)) == [], (name, path)
        for path in (f"/me/safety-plan/{plan_id}", f"/safety-plan/{plan_id}", "/u/aoi/safety-plan"):
            assert other.get(path).status_code == 404
    visitor = app.test_client()
    assert visitor.get(PAGE).status_code == 302  # to sign in
    assert plan_texts_in(visitor.get("/help").get_data(as_text=True)) == []


def test_too_long_a_part_is_refused_with_the_text_kept(app):
    aoi = member_client(app, "aoi")
    response = aoi.post(PAGE, data={**PLAN, "coping": "x" * 2001})
    assert response.status_code == 422
    assert "Keep this part under 2000 characters." in response.get_data(as_text=True)
    assert "Give the pills to Mei" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(SafetyPlan.id)) is None


def test_an_emptied_plan_is_gone(app):
    aoi = member_client(app, "aoi")
    aoi.post(PAGE, data=PLAN)
    aoi.post(PAGE, data={key: "  " for key in PLAN})
    with app.app_context():
        assert db.session.scalar(select(SafetyPlan.id)) is None
    assert "Make my safety plan" in aoi.get("/me/data").get_data(as_text=True)


def test_in_the_export_and_deleted_with_the_account(app):
    aoi = member_client(app, "aoi")
    aoi.post(PAGE, data=PLAN)
    exported = json.loads(aoi.get("/me/export.json").get_data(as_text=True))
    assert {key: exported["safety_plan"][key] for key in PLAN} == PLAN
    assert aoi.post("/me/delete", data={"password": PASSWORD}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(SafetyPlan.id)) is None


def test_the_crisis_page_after_a_risky_post_starts_with_the_plan(make_app):
    pytest.importorskip("plugins.moderation")
    app = make_app(plugins=["moderation", "safety_plan"], community={"moderation": "screened"})
    add_board(app)
    aoi = member_client(app, "aoi")
    aoi.post(PAGE, data=PLAN)
    response = aoi.post("/b/general/new", data={
        "title": "Tonight", "body": "I am going to kill myself tonight, I have the pills ready."},
        follow_redirects=True)
    page = response.get_data(as_text=True)
    assert 'class="crisis"' in page and "Give the pills to Mei" in page
    assert page.index(HEADING) < page.index("Continue")
    ren = member_client(app, "ren")
    ren_page = ren.post("/b/general/new", data={
        "title": "Me too", "body": "I am going to kill myself tonight, I have the pills ready."})
    assert plan_texts_in(ren_page.get_data(as_text=True)) == []
