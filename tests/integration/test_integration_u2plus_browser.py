"""U2plus in real Chromium with CSRF on: a member reacts "great" to a shared FunCan entry."""

from __future__ import annotations

import re
from datetime import date

import pytest

from forum.testing import add_user, browser_sign_in, csrf_token, member_client, open_menu

pytestmark = pytest.mark.browser


def test_member_reacts_great_to_a_shared_entry(make_app, live_server, page):
    app = make_app(plugins=["reactions", "funcan"], flask={"WTF_CSRF_ENABLED": True},
                   reactions={"funcan": ["like", "great", "interesting", "want_to_do"]})
    aoi = member_client(app, "aoi")  # writing through the form is FunCan's own browser test
    assert aoi.post("/funcan/new", data={"text": "I went for a walk in the rain", "visibility": "community",
                                         "day": date.today().isoformat(),
                                         "csrf_token": csrf_token(aoi, "/funcan/new")}).status_code == 302
    add_user(app, "ren")
    server = live_server(app)

    browser_sign_in(page, server.url, "ren")
    open_menu(page)
    page.get_by_role("link", name="FunCan").click()
    great = page.get_by_role("button", name=re.compile("^Great!"))
    assert great.get_attribute("aria-pressed") == "false"
    great.click()

    great = page.get_by_role("button", name="Great!: 1 member")
    assert great.get_attribute("aria-pressed") == "true"
    assert great.inner_text() == "Great! 1"
    assert page.url.endswith("/funcan/#reactions-1")
    assert page.get_by_role("button", name="Like: 0 members").get_attribute("aria-pressed") == "false"
