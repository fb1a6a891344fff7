"""Outreach in real headless Chromium (JavaScript off, phone-sized): a private FunCan entry raises a
content-free alert; a moderator claims it, writes, the member answers, the moderator resolves."""

from __future__ import annotations

import pytest

from forum.testing import add_user, browser_sign_in, open_menu
from plugins.moderation.tests.helpers import CRISIS_LINE

pytestmark = pytest.mark.browser

RISKY = "I am going to end my life tonight, the pills are ready"


def test_outreach_from_a_private_entry_end_to_end(make_app, live_server, page):
    pytest.importorskip("plugins.funcan", reason="with the funcan plugin: a private FunCan entry")
    app = make_app(plugins=["moderation", "funcan"], flask={"WTF_CSRF_ENABLED": True},
                   community={"crisis_resources": [CRISIS_LINE]})
    for name, role in (("aoi", "member"), ("ren", "member"), ("sora", "moderator")):
        add_user(app, name, role)
    server = live_server(app)
    page.set_viewport_size({"width": 360, "height": 740})

    browser_sign_in(page, server.url, "aoi")
    page.goto(f"{server.url}/funcan/new")
    page.get_by_label("What did you achieve or enjoy?").fill(RISKY)
    page.get_by_role("button", name="Save entry").click()
    assert page.get_by_role("heading", name="We are here with you").is_visible()
    assert page.get_by_text("The moderators have been told that a member may need support, "
                            "but not what you wrote.").is_visible()
    open_menu(page)
    page.get_by_role("button", name="Sign out").click()

    browser_sign_in(page, server.url, "sora")
    open_menu(page)
    page.get_by_role("link", name="Review queue").click()
    assert page.get_by_text("Safety alert").first.is_visible()
    assert page.get_by_text("ending my life").count() == 0  # the alert carries no text
    page.get_by_role("link", name="About aoi").click()
    assert page.get_by_text("a private entry matched the urgent tier").first.is_visible()
    page.get_by_role("button", name="Claim: I am handling this").click()
    assert page.get_by_text("Claimed by sora").is_visible()
    page.get_by_label("Write to the member privately").fill(
        "Hi aoi, I read that tonight is hard. How are you?")
    page.get_by_role("button", name="Send to the member").click()
    assert page.get_by_text("Your message was sent to aoi.").is_visible()
    open_menu(page)
    page.get_by_role("button", name="Sign out").click()

    browser_sign_in(page, server.url, "aoi")
    open_menu(page)
    page.get_by_role("link", name="Messages from moderators").first.click()
    assert page.get_by_text("Hi aoi, I read that tonight is hard. How are you?").is_visible()
    page.get_by_label("Your answer").fill("Thank you for asking. I called the helpline.")
    page.get_by_role("button", name="Send to the moderators").click()
    assert page.get_by_text("Sent. Only the moderators can read it.").is_visible()
    open_menu(page)
    page.get_by_role("button", name="Sign out").click()

    browser_sign_in(page, server.url, "ren")
    page.goto(f"{server.url}/moderation/notices")
    assert page.get_by_text("No messages.").is_visible()
    assert page.get_by_text("How are you?").count() == 0
    assert page.get_by_role("link", name="Messages from moderators").count() == 0
    open_menu(page)
    page.get_by_role("button", name="Sign out").click()

    browser_sign_in(page, server.url, "sora")
    open_menu(page)
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name="About aoi").click()
    assert page.get_by_text("Thank you for asking. I called the helpline.").is_visible()
    page.get_by_label("Referred to a crisis line").check()
    page.get_by_role("button", name="Resolve").last.click()
    assert page.get_by_text("Nothing is waiting for review.").is_visible()
    open_menu(page)
    page.get_by_role("link", name="Audit log").click()
    for step in ("Safety alert raised", "Claimed", "Wrote to the member", "The member replied", "Resolved"):
        assert page.get_by_role("cell", name=step, exact=True).count() == 1, step
