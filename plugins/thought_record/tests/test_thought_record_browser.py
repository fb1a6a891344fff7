"""Real headless Chromium, JavaScript off: a member fills a thought record with two emotions."""

import pytest

from forum.testing import add_user, browser_sign_in, open_menu

pytestmark = pytest.mark.browser


def test_member_records_two_emotions_and_sees_them_change(make_app, live_server, page):
    app = make_app(plugins=["thought_record"], flask={"WTF_CSRF_ENABLED": True},
                   community={"public_read": False})
    add_user(app, "aoi")
    server = live_server(app)
    page.set_viewport_size({"width": 360, "height": 740})

    browser_sign_in(page, server.url, "aoi")

    open_menu(page)

    page.get_by_role("link", name="Thought records").first.click()
    page.get_by_role("link", name="New record").click()
    page.get_by_label("1. Situation").fill("My friend did not answer my message for two days.")
    page.locator("#emotions-0-name").fill("Sad")
    page.locator("#emotions-0-before").fill("80")
    page.locator("#emotions-1-name").fill("Anxious")
    page.locator("#emotions-1-before").fill("70")
    page.get_by_label("3. Automatic thoughts").fill("She is annoyed with me.")
    page.get_by_label("Evidence against the thought").fill("She said she has exams this week.")
    page.get_by_label("4. Balanced thought").fill("She is probably busy. I can ask her kindly.")
    page.get_by_label("Emotion 1, now (0-100)").fill("45")
    page.get_by_role("button", name="Save").click()

    # Emotion 2 was not re-rated: the form says so and keeps everything typed.
    assert page.get_by_text("Rate it again now, from 0 to 100.").is_visible()
    assert page.locator("#emotions-1-name").input_value() == "Anxious"
    page.get_by_label("Anxious, now (0-100)").fill("30")
    page.get_by_role("button", name="Save").click()

    assert page.get_by_role("heading", name="Thought record", exact=True).is_visible()
    outcome = page.get_by_role("table")
    assert outcome.get_by_role("row", name="Sad").is_visible()
    assert "80 → 45 (−35)" in outcome.inner_text()
    assert "70 → 30 (−40)" in outcome.inner_text()
    assert page.get_by_text("Only you").is_visible()
