"""The host's summary cannot be differenced (issue 14, finding 7): it is published anew only
once at least ``min_group_size`` members' latest results have changed."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from forum.core.api import User, db, utcnow
from forum.testing import add_user, member_client
from plugins.questionnaires.results import catalogue, save_result
from plugins.questionnaires.scoring import score


@pytest.fixture
def app(make_app):
    return make_app(plugins=["questionnaires"])


def add_phq9(app, user_id: int, first_item: int, days_ago: int = 1) -> None:
    with app.app_context():
        phq9 = catalogue().instruments["phq9"]
        answers = {str(n): (first_item if n == 1 else 0) for n in range(1, 10)}
        save_result(db.session.get(User, user_id), phq9, answers, score(phq9, answers),
                    taken_at=utcnow() - timedelta(days=days_ago))
        db.session.commit()


def figures(host) -> tuple[str, str]:
    page = host.get("/questionnaires/summary").get_data(as_text=True)
    phq9 = page.split('id="summary-phq9"')[1].split("</section>")[0]
    members = re.search(r"Members: (\d+)", phq9)
    mean = re.search(r"<td>([\d.]+)</td>", phq9)
    return (members.group(1) if members else "hidden", mean.group(1) if mean else "")


def test_one_more_answer_does_not_change_what_the_host_sees(app):
    ids = [add_user(app, f"member{n}").id for n in range(11)]
    for user_id in ids[:5]:
        add_phq9(app, user_id, 1)
    host = member_client(app, "hikari", "host")
    before = figures(host)
    assert before == ("5", "1")
    add_phq9(app, ids[5], 3)  # the sixth member: a difference would give their total exactly
    assert figures(host) == before
    add_phq9(app, ids[0], 0)  # a retake changes a latest result too
    assert figures(host) == before
    for user_id in ids[6:9]:
        add_phq9(app, user_id, 2)
    # five members changed since the published summary (one retook, four are new): publish
    assert figures(host) == ("9", "1.44")  # (0 + 4 + 3 + 6) / 9


def test_a_member_leaving_is_not_revealed_either(app):
    ids = [add_user(app, f"member{n}").id for n in range(6)]
    for user_id in ids:
        add_phq9(app, user_id, 3 if user_id == ids[0] else 1)
    host = member_client(app, "hikari", "host")
    before = figures(host)
    leaving = app.test_client()
    leaving.post("/login", data={"username": "member0", "password": "correct horse battery"})
    assert leaving.post("/me/delete", data={"password": "correct horse battery"}).status_code == 302
    assert figures(host) == before
