"""Real headless Chromium (Debian's), JavaScript off: what a member on a cheap phone does."""

import pytest

from forum.testing import add_board, open_menu

pytestmark = pytest.mark.browser


def test_member_registers_signs_in_posts_and_sees_topic_listed(make_app, live_server, page):
    app = make_app(plugins=["comments"], flask={"WTF_CSRF_ENABLED": True},
                   community={"public_read": False})
    add_board(app, "general", "General")
    server = live_server(app)
    page.set_viewport_size({"width": 360, "height": 740})

    page.goto(f"{server.url}/register")
    page.get_by_label("Pseudonym").fill("hikari")
    page.get_by_label("Password", exact=True).fill("a long enough password")
    page.get_by_label("Repeat password").fill("a long enough password")
    page.get_by_role("button", name="Create account").click()
    assert "Welcome, hikari." in page.content()

    open_menu(page)

    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{server.url}/login")
    page.get_by_label("Pseudonym").fill("hikari")
    page.get_by_label("Password").fill("a long enough password")
    page.get_by_role("button", name="Sign in").click()

    page.goto(f"{server.url}/b/general")
    page.get_by_role("link", name="New topic").click()
    page.get_by_role("button", name="Post").click()  # empty: the form explains, nothing is lost
    assert page.get_by_text("Give your topic a title.").is_visible()
    page.get_by_label("Title").fill("First small step")
    page.get_by_label("Message").fill("Today I opened the curtains.")
    page.get_by_role("button", name="Post").click()
    assert page.get_by_role("heading", name="First small step").is_visible()

    page.goto(f"{server.url}/b/general")
    assert page.get_by_role("link", name="First small step").is_visible()
