"""Member pages: take, errors, result, history chart; privacy; host aggregates; disabling."""

from __future__ import annotations

from datetime import timedelta

import pytest

from forum.core.api import User, db, utcnow
from forum.testing import add_user, login, member_client
from plugins.questionnaires.models import QuestionnaireResult
from plugins.questionnaires.results import catalogue, save_result
from plugins.questionnaires.scoring import score


@pytest.fixture
def app(make_app):
    return make_app(plugins=["questionnaires"])


def phq9_form(values: list[int]) -> dict[str, str]:
    return {f"q_{number}": str(value) for number, value in enumerate(values, start=1)}


def add_phq9(app, user_id: int, values: list[int], days_ago: int) -> None:
    with app.app_context():
        phq9 = catalogue().instruments["phq9"]
        answers = {str(n): v for n, v in enumerate(values, start=1)}
        save_result(db.session.get(User, user_id), phq9, answers, score(phq9, answers),
                    taken_at=utcnow() - timedelta(days=days_ago))
        db.session.commit()


def test_list_page_offers_every_instrument(app):
    page = member_client(app, "aoi").get("/questionnaires/").get_data(as_text=True)
    for title in ("How you have been feeling (PHQ-9)", "Devaluation-Discrimination scale", "GHSQ"):
        assert title in page


def test_form_uses_a_fieldset_and_legend_per_question(app):
    page = member_client(app, "aoi").get("/questionnaires/phq9").get_data(as_text=True)
    assert page.count("<fieldset") == 9 and page.count("<legend>") == 9
    assert 'type="radio"' in page and "<script" not in page
    assert "9. Thoughts that you would be better off dead" in page


def test_missing_answers_are_listed_and_given_answers_kept(app):
    client = member_client(app, "aoi")
    response = client.post("/questionnaires/phq9", data={"q_1": "2", "q_3": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Please choose an answer to question 2." in page
    assert "Please choose an answer to question 9." in page
    assert "question 1." not in page
    assert 'checked id="q_1-2"' in page and 'checked id="q_3-1"' in page
    with app.app_context():
        assert db.session.query(QuestionnaireResult).count() == 0


def test_answer_outside_the_options_is_a_form_error(app):
    client = member_client(app, "aoi")
    data = phq9_form([0] * 9) | {"q_4": "7"}
    response = client.post("/questionnaires/phq9", data=data)
    assert response.status_code == 422
    assert "Please choose one of the answers shown." in response.get_data(as_text=True)


def test_result_page_shows_score_band_meaning_and_doctor_advice(app):
    client = member_client(app, "aoi")
    response = client.post("/questionnaires/phq9", data=phq9_form([2, 2, 2, 2, 2, 0, 0, 0, 0]))
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Total: 10" in page and "Moderate" in page
    assert "We suggest talking to a doctor" in page
    assert "not a diagnosis" in page


def test_mild_result_does_not_push_a_doctor(app):
    client = member_client(app, "aoi")
    response = client.post("/questionnaires/phq9", data=phq9_form([2, 2, 2, 2, 1, 0, 0, 0, 0]))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Total: 9" in page and "Mild" in page
    assert "We suggest talking to a doctor" not in page


def test_optional_ghsq_items_may_be_skipped(app):
    client = member_client(app, "aoi")
    sources = ("partner", "friend", "parent", "relative", "mental_health_professional", "helpline", "doctor",
               "online_counselling", "no_one")
    data = {f"q_{key}": "4" for key in sources}
    data["q_doctor"] = "6"
    response = client.post("/questionnaires/ghsq", data=data)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Formal help: 4.67" in page and "Informal help: 4" in page  # (6 + 4 + 4) / 3


def test_history_has_an_svg_chart_and_a_table(app):
    aoi = add_user(app, "aoi")
    for days_ago, values in ((60, [3, 3, 3, 3, 2, 2, 0, 0, 0]), (30, [2, 2, 2, 1, 1, 0, 0, 0, 0]),
                             (1, [1, 1, 0, 0, 0, 0, 0, 0, 0])):
        add_phq9(app, aoi.id, values, days_ago)
    client = app.test_client()
    login(client, "aoi")
    page = client.get("/questionnaires/phq9/history").get_data(as_text=True)
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert "<title id=\"chart-title\">PHQ-9: your results over time</title>" in page
    assert "3 results from" in page and "Latest Total: 2." in page
    assert page.count("<circle") == 3 and page.count("<polyline") == 1
    assert [cell in page for cell in ("<td>16</td>", "<td>8</td>", "<td>2</td>")] == [True] * 3
    assert page.index("<td>16</td>") < page.index("<td>8</td>") < page.index("<td>2</td>")


def test_empty_history_says_so(app):
    page = member_client(app, "ren").get("/questionnaires/phq9/history").get_data(as_text=True)
    assert "You have not taken this questionnaire yet." in page and "<svg" not in page


def test_results_are_private_to_the_member_whatever_the_role(app):
    owner = member_client(app, "aoi")
    location = owner.post("/questionnaires/phq9", data=phq9_form([1] * 8 + [0])).headers["Location"]
    assert owner.get(location).status_code == 200
    for name, role in (("ren", "member"), ("sora_mod", "moderator"), ("hikari", "host")):
        other = member_client(app, name, role)
        assert other.get(location).status_code == 404
        assert "<circle" not in other.get("/questionnaires/phq9/history").get_data(as_text=True)
    assert app.test_client().get(location).status_code == 302  # visitors are sent to sign in
    assert owner.get("/questionnaires/results/999").status_code == 404
    assert owner.get("/questionnaires/nothing").status_code == 404


def test_host_sees_aggregates_only_from_five_members(app):
    ids = [add_user(app, f"member{n}").id for n in range(5)]
    for index, user_id in enumerate(ids[:4]):
        add_phq9(app, user_id, [index, 0, 0, 0, 0, 0, 0, 0, 0], days_ago=3)
    host = member_client(app, "hikari", "host")
    page = host.get("/questionnaires/summary").get_data(as_text=True)
    assert "Fewer than 5 members have taken this questionnaire" in page
    add_phq9(app, ids[0], [3, 3, 3, 3, 0, 0, 0, 0, 0], days_ago=10)  # older: not the latest
    add_phq9(app, ids[4], [3, 3, 3, 3, 3, 3, 0, 0, 0], days_ago=1)
    page = host.get("/questionnaires/summary").get_data(as_text=True)
    # latest totals 0, 1, 2, 3, 18: mean 4.8; four minimal, one moderately severe (hidden with a partner)
    assert "Members: 5" in page and "<td>4.8</td>" in page
    assert "hidden (fewer than 5)" in page
    assert ">18<" not in page and "member4" not in page


def test_members_and_moderators_may_not_see_the_summary(app):
    assert member_client(app, "aoi").get("/questionnaires/summary").status_code == 403
    assert member_client(app, "sora_mod", "moderator").get("/questionnaires/summary").status_code == 403


def test_host_can_offer_only_some_instruments(make_app):
    app = make_app(plugins=["questionnaires"], questionnaires={"instruments": ["phq9"]})
    client = member_client(app, "aoi")
    assert "GHSQ" not in client.get("/questionnaires/").get_data(as_text=True)
    assert client.get("/questionnaires/ghsq").status_code == 404


def test_japanese_community_sees_japanese_wording(make_app):
    app = make_app(plugins=["questionnaires"], community={"language": "ja"})
    client = member_client(app, "aoi")
    page = client.get("/questionnaires/phq9").get_data(as_text=True)
    assert "この2週間、次のような問題にどのくらい頻繁に悩まされていますか？" in page
    assert "ほとんど毎日" in page
    response = client.post("/questionnaires/phq9", data={"q_1": "1"})
    assert "質問2" in response.get_data(as_text=True)
    location = client.post("/questionnaires/phq9", data=phq9_form([1] * 8 + [0])).headers["Location"]
    result = client.get(location).get_data(as_text=True)
    assert "合計点: 8" in result and "軽度" in result


def test_member_export_and_delete_hooks(app):
    aoi = add_user(app, "aoi")
    add_phq9(app, aoi.id, [1] * 8 + [0], days_ago=2)
    with app.app_context():
        hook = app.extensions["forum"].hook
        user = db.session.get(User, aoi.id)
        exported = next(part for part in hook.forum_member_export(user=user) if "questionnaires" in part)
        assert exported["questionnaires"][0]["scores"] == {"total": 8}
        hook.forum_member_delete(user=user)
        db.session.commit()
        assert db.session.query(QuestionnaireResult).count() == 0


def test_disabled_plugin_leaves_no_route_or_link(make_app):
    app = make_app(plugins=[])
    client = member_client(app, "aoi")
    assert client.get("/questionnaires/").status_code == 404
    assert "/questionnaires" not in client.get("/").get_data(as_text=True)
