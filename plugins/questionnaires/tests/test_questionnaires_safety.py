"""PHQ-9 item 9 above 0: crisis resources at once, and an urgent alert with no answers in it."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from forum.core.api import db, hookimpl
from forum.testing import member_client
from plugins.questionnaires.models import QuestionnaireResult

RESOURCES = {
    "crisis_message": "You matter. Please talk to someone tonight.",
    "crisis_resources": [{"name": "Inochi no Denwa", "phone": "0570-783-556"}],
}
REASON = "PHQ-9 item 9 answered above 0"


class SafetySpy:
    """Stands in for a moderation plugin: records every safety alert."""

    def __init__(self) -> None:
        self.alerts: list[dict[str, Any]] = []

    @hookimpl
    def forum_safety_alert(self, user: Any, reason: str, item: Any, urgent: bool) -> None:
        self.alerts.append({"user": user.username, "reason": reason, "item": item, "urgent": urgent})


def phq9_form(values: list[int]) -> dict[str, str]:
    return {f"q_{number}": str(value) for number, value in enumerate(values, start=1)}


@pytest.fixture
def spied(make_app):
    app = make_app(plugins=["questionnaires"], community=RESOURCES)
    spy = SafetySpy()
    app.extensions["forum"].manager.register(spy, name="safety_spy")
    return app, spy


def test_item_9_shows_crisis_page_and_alerts_whatever_the_total(spied):
    app, spy = spied
    client = member_client(app, "aoi")
    response = client.post("/questionnaires/phq9", data=phq9_form([0, 0, 0, 0, 0, 0, 0, 0, 1]),
        follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "You matter. Please talk to someone tonight." in page and "0570-783-556" in page
    assert spy.alerts == [{"user": "aoi", "reason": REASON, "item": None, "urgent": True}]
    with app.app_context():
        saved = db.session.scalars(select(QuestionnaireResult)).one()
        assert saved.scores == {"total": 1}
    result = client.get(f"/questionnaires/results/{saved.id}").get_data(as_text=True)
    assert "Support is available now" in result and "0570-783-556" in result


def test_high_total_without_item_9_does_not_alert(spied):
    app, spy = spied
    client = member_client(app, "aoi")
    response = client.post("/questionnaires/phq9", data=phq9_form([3, 3, 3, 3, 3, 3, 3, 3, 0]))
    assert response.status_code == 302
    assert spy.alerts == []
    assert "Support is available now" not in client.get(response.headers["Location"]).get_data(as_text=True)


def test_without_moderation_the_member_still_sees_the_resources(make_app):
    app = make_app(plugins=["questionnaires"], community=RESOURCES)
    client = member_client(app, "aoi")
    page = client.post("/questionnaires/phq9", data=phq9_form([0] * 8 + [3]),
        follow_redirects=True).get_data(as_text=True)
    assert "You matter. Please talk to someone tonight." in page and "Inochi no Denwa" in page


def test_with_moderation_an_urgent_queue_entry_names_only_the_rule(make_app):
    pytest.importorskip("plugins.moderation")
    from plugins.moderation.models import ModerationItem

    app = make_app(plugins=["moderation", "questionnaires"], community=RESOURCES)
    client = member_client(app, "aoi")
    page = client.post("/questionnaires/phq9", data=phq9_form([2, 2, 2, 2, 2, 2, 2, 2, 2]),
        follow_redirects=True).get_data(
        as_text=True)
    assert "Inochi no Denwa" in page
    with app.app_context():
        entry = db.session.scalars(select(ModerationItem)).one()
        assert entry.urgent and entry.item_id is None and entry.user.username == "aoi"
        assert [finding["reason"] for finding in entry.rules] == [REASON]
    queue = member_client(app, "sora_mod", "moderator").get("/moderation/queue").get_data(as_text=True)
    assert REASON in queue and "aoi" in queue
    assert "More than half the days" not in queue and ">18<" not in queue  # no answers, no total
