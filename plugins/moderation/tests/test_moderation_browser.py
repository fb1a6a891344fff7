"""Real headless Chromium, JavaScript off, phone-sized: the crisis path and the review queue."""

from __future__ import annotations

import pytest

from forum.testing import add_user, browser_sign_in, open_menu
from plugins.moderation.tests.helpers import community

pytestmark = pytest.mark.browser


def test_risky_post_shows_crisis_resources_then_a_moderator_approves_it(make_app, live_server, page):
    app = community(make_app, "screened", flask={"WTF_CSRF_ENABLED": True},
                    community={"crisis_message": "You matter. Please reach out now."})
    add_user(app, "aoi")
    add_user(app, "sora", "moderator")
    server = live_server(app)
    page.set_viewport_size({"width": 360, "height": 740})

    browser_sign_in(page, server.url, "aoi")
    page.goto(f"{server.url}/b/general/new")
    page.get_by_label("Title").fill("A heavy night")
    page.get_by_label("Message").fill("Honestly I want to die. I have the pills ready tonight.")
    page.get_by_role("button", name="Post").click()
    assert page.get_by_role("heading", name="We are here with you").is_visible()
    assert page.get_by_text("You matter. Please reach out now.").is_visible()
    assert page.get_by_role("link", name="0570-783-556").get_attribute("href") == "tel:0570-783-556"
    page.goto(f"{server.url}/b/general")
    assert page.get_by_text("Waiting for review").is_visible()  # the author sees their post, marked
    open_menu(page)
    page.get_by_role("button", name="Sign out").click()

    browser_sign_in(page, server.url, "sora")
    open_menu(page)
    page.get_by_role("link", name="Review queue").click()
    assert page.get_by_text("Urgent").first.is_visible()
    assert not page.get_by_text("A heavy night").is_visible()  # collapsed for the moderator's sake
    page.get_by_text("Show the text (it may be distressing)").click()
    assert page.get_by_text("A heavy night").is_visible()
    page.get_by_role("link", name="Discussion by aoi").click()
    assert page.get_by_text("Suicide risk, urgent (").is_visible()
    page.get_by_text("Show the text (it may be distressing)").click()
    page.get_by_label("Note for the moderators (optional)").first.fill("Reached out by message.")
    page.get_by_role("button", name="Approve").click()
    assert page.get_by_text("Nothing is waiting for review.").is_visible()
    open_menu(page)
    page.get_by_role("button", name="Sign out").click()

    page.goto(f"{server.url}/b/general")
    assert page.get_by_role("link", name="A heavy night").is_visible()
