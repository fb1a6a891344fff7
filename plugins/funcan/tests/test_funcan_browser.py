"""A member shares a FunCan entry and another member reacts "great", in real Chromium with CSRF on."""

from __future__ import annotations

import re

import pytest

from forum.testing import add_user, browser_sign_in

pytestmark = pytest.mark.browser


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_member_shares_an_entry_and_another_reacts_great(make_app, live_server, page):
    app = make_app(plugins=["reactions", "funcan"], flask={"WTF_CSRF_ENABLED": True},
                   reactions={"funcan": ["like", "great", "interesting", "want_to_do"]})
    add_user(app, "aoi")
    add_user(app, "ren")
    server = live_server(app)

    browser_sign_in(page, server.url, "aoi")
    page.get_by_role("link", name="FunCan").click()
    page.get_by_role("link", name="New entry").click()
    page.get_by_label("What did you achieve or enjoy?").fill("I went for a walk in the rain")
    page.get_by_label("Category (optional)").select_option("activity")
    page.get_by_label("Share with the community").check()
    page.get_by_role("button", name="Save entry").click()
    page.get_by_text("Saved.").wait_for()
    assert "I went for a walk in the rain" in page.content()
    sign_out(page)

    browser_sign_in(page, server.url, "ren")
    page.get_by_role("link", name="FunCan").click()
    great = page.get_by_role("button", name=re.compile("^Great!"))
    assert great.get_attribute("aria-pressed") == "false"
    great.click()

    great = page.get_by_role("button", name="Great!: 1 member")
    assert great.get_attribute("aria-pressed") == "true"
    assert great.inner_text() == "Great! 1"
    assert page.url.endswith("/funcan/#reactions-1")
    assert page.get_by_role("button", name="Like: 0 members").get_attribute("aria-pressed") == "false"
