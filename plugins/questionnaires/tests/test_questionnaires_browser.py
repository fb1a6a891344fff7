"""Real headless Chromium, JavaScript off: a member completes PHQ-9 and sees score and chart."""

from __future__ import annotations

import pytest

from forum.testing import add_user, browser_sign_in, open_menu

pytestmark = pytest.mark.browser

ANSWERS = ["Several days", "More than half the days", "Several days", "Nearly every day", "Not at all",
           "Several days", "Not at all", "Not at all", "Not at all"]  # 1+2+1+3+0+1+0+0+0 = 8


def test_member_completes_phq9_and_sees_score_and_chart(make_app, live_server, page):
    app = make_app(plugins=["questionnaires"], flask={"WTF_CSRF_ENABLED": True},
                   community={"public_read": False})
    add_user(app, "aoi")
    server = live_server(app)
    page.set_viewport_size({"width": 360, "height": 740})

    browser_sign_in(page, server.url, "aoi")
    open_menu(page)
    page.get_by_role("link", name="Questionnaires").click()
    page.get_by_role("link", name="How you have been feeling (PHQ-9)").click()

    page.get_by_role("button", name="See my result").click()  # nothing chosen: every question says so
    assert page.get_by_text("Please choose an answer to question 9.").is_visible()

    for number, answer in enumerate(ANSWERS, start=1):
        group = page.get_by_role("group", name=f"{number}.")
        group.get_by_label(answer, exact=True).check()
    page.get_by_role("button", name="See my result").click()

    assert page.get_by_role("heading", name="Total: 8").is_visible()
    assert page.get_by_text("Mild", exact=True).is_visible()
    page.get_by_role("link", name="See your history").click()
    chart = page.get_by_role("img", name="PHQ-9: your results over time")
    assert chart.is_visible()
    assert page.get_by_role("cell", name="Mild").is_visible()
