"""Real headless Chromium, JavaScript off: a member puts a content warning on a post, another
opens it with one click; a member mutes someone and their topic leaves the board; a badge shows.
Screenshots at 360x640 and 1280x800 go to $FORUM_SHOTS (default /tmp/shots-protect1)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import select

from forum.core.api import User, db
from forum.testing import add_board, add_user, browser_sign_in
from plugins.badges.models import Badge
from plugins.mute.tests.test_mute import write

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("FORUM_SHOTS", "/tmp/shots-protect1"))
SIZES = {"phone": {"width": 360, "height": 640}, "desktop": {"width": 1280, "height": 800}}


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in SIZES.items():
        page.set_viewport_size(size)
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=False)
    page.set_viewport_size(SIZES["phone"])


@pytest.fixture
def server(make_app, live_server):
    app = make_app(plugins=["comments", "mute", "content_warnings", "badges"],
                   flask={"WTF_CSRF_ENABLED": True}, community={"public_read": False})
    add_board(app, "general", "General")
    for name in ("aoi", "ren"):
        add_user(app, name)
    add_user(app, "hikari", "host")
    with app.app_context():
        ren = db.session.scalar(select(User).where(User.username == "ren"))
        db.session.add(Badge(user_id=ren.id, role="peer_supporter", note="Trained 2025"))
        db.session.commit()
    write(app, "ren", "Loud opinions everywhere")
    return live_server(app)


def test_content_warning_opens_in_one_click_and_mute_clears_the_board(server, page, browser):
    page.set_viewport_size(SIZES["phone"])
    browser_sign_in(page, server.url, "aoi")
    page.goto(f"{server.url}/b/general")
    page.get_by_role("link", name="New topic").click()
    page.get_by_label("Title").fill("After the ward")
    page.get_by_label("Message").fill("Coming home after three weeks was harder than I thought.")
    page.get_by_text("Content warning (optional)").click()  # folded until wanted
    page.get_by_label("Type of warning", exact=True).select_option("trauma")
    page.get_by_label("A few words (optional)").fill("hospital stay")
    page.get_by_role("button", name="Post").click()
    assert page.get_by_role("heading", name="After the ward").is_visible()
    topic_url = page.url

    reader = browser.new_context(java_script_enabled=False).new_page()
    reader.set_viewport_size(SIZES["phone"])
    browser_sign_in(reader, server.url, "ren")
    reader.goto(topic_url)
    body = reader.get_by_text("Coming home after three weeks")
    summary = reader.locator("details.cw summary")
    assert "Content warning: Trauma" in summary.inner_text() and "hospital stay" in summary.inner_text()
    assert not body.is_visible()
    shoot(reader, "cw-folded")
    summary.click()  # one click, no JavaScript
    assert body.is_visible()
    shoot(reader, "cw-open")
    reader.get_by_text("Content warning (optional)").click()
    shoot(reader, "cw-reply-form")
    reader.context.close()

    # aoi sees ren's badge, then mutes ren from ren's page.
    page.goto(f"{server.url}/b/general")
    assert page.get_by_role("link", name="Loud opinions everywhere title").is_visible()
    assert page.locator(".role-badge", has_text="Peer supporter").first.is_visible()
    shoot(page, "badge-board")
    page.get_by_role("link", name="ren").first.click()
    page.get_by_role("button", name="Mute ren").click()
    assert page.get_by_text("You muted ren.").is_visible()
    shoot(page, "mute-profile")
    page.goto(f"{server.url}/b/general")
    assert page.get_by_role("link", name="Loud opinions everywhere title").count() == 0
    assert page.get_by_role("link", name="After the ward").is_visible()
    shoot(page, "mute-board")
    page.goto(f"{server.url}/muted")
    page.get_by_role("button", name="Undo").click()
    page.goto(f"{server.url}/b/general")
    assert page.get_by_role("link", name="Loud opinions everywhere title").is_visible()
