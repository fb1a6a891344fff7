"""Real Chromium, JavaScript off: recovery codes at registration, the rephrase nudge on a reply,
the safety plan at the top of the crisis page, and the notification a reply brings.

Screenshots go to /tmp/shots-protect2 at 360x640 and 1280x800 (looked at by hand).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from forum.core.api import Item, db
from forum.testing import add_board, browser_sign_in, csrf_token, member_client

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/shots-protect2")
SIZES = ({"width": 360, "height": 640}, {"width": 1280, "height": 800})
PASSWORD = "a long enough password"
CRISIS_LINE = {"name": "Inochi no Denwa", "phone": "0570-783-556", "url": "https://www.inochinodenwa.org"}


def shoot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    for size in SIZES:
        page.set_viewport_size(size)
        page.screenshot(path=str(SHOTS / f"{name}-{size['width']}.png"), full_page=True)


@pytest.fixture
def community(make_app):
    app = make_app(plugins=["comments", "moderation", "recovery_codes", "safety_plan", "notifications"],
                   flask={"WTF_CSRF_ENABLED": True},
                   community={"moderation": "screened", "crisis_resources": [CRISIS_LINE]})
    add_board(app, "general", "General")
    ren = member_client(app, "ren")
    token = csrf_token(ren, "/b/general/new")
    ren.post("/b/general/new", data={"title": "A hard week", "body": "Work was a lot this week.",
                                      "csrf_token": token})
    return app


def test_a_new_member_keeps_codes_is_nudged_and_finds_the_plan_on_the_crisis_page(community, live_server,
                                                                                  page):
    server = live_server(community)
    page.goto(f"{server.url}/register")
    page.get_by_label("Pseudonym").fill("hikari")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name="Your recovery codes").wait_for()
    assert page.locator("ol.recovery-codes li").count() == 10
    shoot(page, "recovery-codes")

    page.goto(f"{server.url}/me/safety-plan")
    page.get_by_label("My warning signs").fill("Not sleeping, staying in my room")
    page.get_by_label("People I can ask for help").fill("My sister Mei 090-1234-5678")
    page.get_by_label("My reasons for living").fill("My cat Tama")
    page.get_by_role("button", name="Save my plan").click()
    assert page.get_by_text("Your safety plan is saved. Only you can see it.").is_visible()

    with community.app_context():
        topic = db.session.scalar(select(Item.id).where(Item.title == "A hard week"))
    page.goto(f"{server.url}/t/{topic}")
    page.get_by_label("Your reply").fill("Honestly, you are pathetic.")
    page.get_by_role("button", name="Reply").click()
    assert page.get_by_text("Before you post: some of your words may hurt someone.").is_visible()
    assert page.locator(".nudge q").first.inner_text() == "you are pathetic"
    assert page.get_by_label("Your reply").input_value() == "Honestly, you are pathetic."
    shoot(page, "nudge")
    page.get_by_label("Your reply").fill("Honestly, that sounds exhausting. I hope next week is kinder.")
    page.get_by_role("button", name="Reply").click()
    assert page.get_by_text("that sounds exhausting").first.is_visible()  # published at once

    page.get_by_label("Your reply").fill("Shut up, you are pathetic.")
    page.get_by_role("button", name="Reply").click()
    page.get_by_role("button", name="Send it for review as it is").click()
    assert page.get_by_text("Your post will appear after a moderator has read it.").is_visible()

    page.goto(f"{server.url}/b/general/new")
    page.get_by_label("Title").fill("Tonight")
    page.get_by_label("Message").fill("I am going to kill myself tonight, I have the pills ready.")
    page.get_by_role("button", name="Post").click()
    crisis = page.get_by_role("alert")
    assert crisis.get_by_role("heading", name="Your safety plan").is_visible()
    assert crisis.get_by_text("My sister Mei 090-1234-5678").is_visible()
    assert page.locator(".nudge").count() == 0  # risk is never nudged
    shoot(page, "crisis-with-plan")

    page.context.clear_cookies()
    browser_sign_in(page, server.url, "ren")
    page.get_by_role("link", name="Notifications").click()
    assert page.get_by_text("hikari replied to “A hard week”").is_visible()
    assert page.get_by_text("My sister Mei").count() == 0
    shoot(page, "notifications")
    page.goto(f"{server.url}/help")
    assert page.get_by_text("My sister Mei").count() == 0  # ren never sees hikari's plan
