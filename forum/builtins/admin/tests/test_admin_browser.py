"""The issue's "done when" walk in real Chromium (JavaScript off): a new host made at the
console signs in, creates a board, makes a moderator and an invitation code in the browser;
a member joins with the code and starts a topic. ``FORUM_SCREENSHOTS=DIR`` also saves the
administration pages at phone and desktop sizes."""

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from forum.cli import AppContext, cli
from forum.testing import PASSWORD, browser_sign_in, open_menu

pytestmark = pytest.mark.browser
SIZES = {"phone": (360, 640), "desktop": (1280, 800)}


def forum_command(app, *args):
    app.extensions["forum"].hook.forum_cli(cli=cli)
    result = CliRunner().invoke(cli, list(args), obj=AppContext.of(app),
                                input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    return result.output


def screenshots(page, base_url, paths):
    folder = os.environ.get("FORUM_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=f"{folder}/new-code-phone.png", full_page=True)  # the code, shown once
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        for name, path in paths.items():
            page.goto(base_url + path)
            page.screenshot(path=f"{folder}/{name}-{size}.png", full_page=True)
    page.set_viewport_size({"width": 360, "height": 640})


def test_new_host_sets_up_a_community_and_a_member_joins_with_a_code(make_app, live_server, page):
    app = make_app(flask={"WTF_CSRF_ENABLED": True},
                   community={"public_read": False, "registration": "invite"})
    assert "Created host 'hikari'" in forum_command(app, "create-user", "hikari", "--role", "host")
    forum_command(app, "create-user", "sora")
    server = live_server(app)
    page.set_viewport_size({"width": 360, "height": 640})

    browser_sign_in(page, server.url, "hikari")
    open_menu(page)
    page.get_by_role("link", name="Admin").click()
    page.get_by_role("link", name="Boards").first.click()
    page.get_by_label("Name", exact=True).fill("Recovery stories")
    page.get_by_label("Description").fill("What has helped you, step by step.")
    page.get_by_role("button", name="Create board").click()
    page.get_by_text("Board 'Recovery stories' created.").wait_for()

    page.get_by_role("link", name="Members").first.click()
    page.get_by_label("Find by pseudonym").fill("sor")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name="sora").click()
    page.get_by_role("combobox", name="Role").select_option("moderator")
    page.get_by_role("button", name="Change role").click()
    page.get_by_text("sora is now: Moderator.").wait_for()

    page.get_by_role("link", name="Registration").first.click()
    page.get_by_label("Who the code is for").fill("Clinic A, spring group")
    page.get_by_label("How many people may use it").fill("20")
    page.get_by_role("button", name="Create code").click()
    code = page.locator(".invite-code strong").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    screenshots(page, server.url, {"admin": "/admin/", "boards": "/admin/boards",
                                   "members": "/admin/members", "member": "/admin/members/2",
                                   "registration": "/admin/registration", "config": "/admin/config"})
    open_menu(page).get_by_role("button", name="Sign out").click()

    page.goto(f"{server.url}/register")
    page.get_by_label("Invitation code").fill("not-a-code")
    page.get_by_label("Pseudonym").fill("hana")
    page.get_by_label("Password", exact=True).fill("a long enough password")
    page.get_by_label("Repeat password").fill("a long enough password")
    page.get_by_role("button", name="Create account").click()
    page.get_by_text("That invitation code is not valid.").wait_for()
    page.get_by_label("Invitation code").fill(code)
    page.get_by_label("Password", exact=True).fill("a long enough password")
    page.get_by_label("Repeat password").fill("a long enough password")
    page.get_by_role("button", name="Create account").click()
    assert "Welcome, hana." in page.content()

    page.get_by_role("link", name="Recovery stories").click()
    page.get_by_role("link", name="New topic").click()
    page.get_by_label("Title").fill("My first step")
    page.get_by_label("Message").fill("Today I joined with my clinic's code.")
    page.get_by_role("button", name="Post").click()
    page.get_by_role("heading", name="My first step").wait_for()
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", page.locator(".byline time").first.inner_text())
