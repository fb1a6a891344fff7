"""A member shares a FunCan entry and another member reads it, in real Chromium with CSRF on.

Reacting "great" to it (FunCan with reactions, U2plus) is in tests/integration/."""

from __future__ import annotations

import pytest

from forum.testing import add_user, browser_sign_in, open_menu

pytestmark = pytest.mark.browser


def sign_out(page) -> None:
    open_menu(page)
    page.get_by_role("button", name="Sign out").click()


def test_member_shares_an_entry_and_another_reads_it(make_app, live_server, page):
    app = make_app(plugins=["funcan"], flask={"WTF_CSRF_ENABLED": True})
    add_user(app, "aoi")
    add_user(app, "ren")
    server = live_server(app)

    browser_sign_in(page, server.url, "aoi")
    open_menu(page)
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
    open_menu(page)
    page.get_by_role("link", name="FunCan").click()
    entry = page.get_by_role("listitem").filter(has_text="I went for a walk in the rain")
    assert "Being active" in entry.inner_text()
    assert page.get_by_role("link", name="Edit").count() == 0  # only the author edits
    entry.locator("p.meta a").click()  # the date links the entry
    assert page.url.endswith("/funcan/1") and page.get_by_role("heading", name="FunCan entry").is_visible()
