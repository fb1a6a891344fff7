"""The whole design in real Chromium: every page type, phone and desktop, four roles, two languages.

For each page: no horizontal overflow, the crisis link visible without scrolling, axe-core (WCAG
2.2 AA tags) finds nothing, no English catalog string left on a Japanese page. Every link found
answers below 400. Screenshots go to ``$FORUM_SHOTS`` (default /tmp/forum-shots) for a person to
look at. axe-core comes from its npm package (scripts/test.sh installs it into ``.axe/``).

One app and one live server per language, one browser for all: a few minutes at most.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from babel.messages.pofile import read_po
from flask import Flask

from forum.testing import PASSWORD, add_board, add_demo_content, add_user, login

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
AXE = Path(os.environ.get("FORUM_AXE", ROOT / ".axe/node_modules/axe-core/axe.min.js"))
SHOTS = Path(os.environ.get("FORUM_SHOTS", "/tmp/forum-shots"))
PHONE, DESKTOP = {"width": 360, "height": 640}, {"width": 1280, "height": 800}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CONFIGS = {"en": "examples/u2plus.toml", "ja": "examples/u2plus-ja.toml"}
ROLES = {"visitor": None, "member": "aoi", "moderator": "sora", "host": "hana"}
# Links a crawler must not follow (they change state or leave the site).
SKIP = re.compile(r"/logout|/delete|/export|^mailto:|^tel:|^https?://(?!127\.0\.0\.1)")
MAX_LINKS = 400  # per role: the crawl stops there (every page type is well within it)


def axe_source() -> str:
    if not AXE.exists():
        message = f"{AXE} missing: run `npm install --prefix .axe axe-core` (scripts/test.sh does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text()


def english_msgids() -> list[re.Pattern[str]]:
    """Every English UI string of every catalog, as a pattern for a whole line of page text
    (leaving out names that Japanese keeps as they are, such as "FunCan")."""
    patterns = []
    for po in ROOT.glob("**/translations/ja/LC_MESSAGES/messages.po"):
        if ".venv" in po.parts:
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for text in ids:
                parts = re.split(r"%\(\w+\)[sd]|%[sd]", text or "")
                if text and text not in strings and re.search("[A-Za-z]{3}", "".join(parts)):
                    patterns.append(re.compile(r"\s*" + ".+".join(map(re.escape, parts)) + r"\s*"))
    return patterns


def community_app(make_app: Any, language: str) -> Flask:
    # Every plugin the example enables, and replies (a U2plus community has none) for their pages.
    enabled = tomllib.loads((ROOT / CONFIGS[language]).read_text())["plugins"]["enabled"]
    app = make_app(config=str(ROOT / CONFIGS[language]), plugins=[*enabled, "comments"])
    add_demo_content(app)
    add_user(app, "sora", "moderator")
    add_user(app, "hana", "host")
    add_board(app, "general", "みんなの広場" if language == "ja" else "General")
    return app


def write_discussion(app: Flask, language: str) -> None:
    """A topic with a long unbroken URL in it (it must wrap on a phone) and a reply."""
    long_word = "https://example.org/" + "averyveryverylongwordwithoutanyspaces" * 3
    if language == "ja":
        title, body, reply = "眠れない夜", f"散歩をしました。{long_word}", "わかります。"
    else:
        title, body, reply = "A sleepless night", f"I went for a walk. {long_word}", "I know that feeling."
    topic = signed_in(app, "aoi").post("/b/general/new", data={"title": title, "body": body})
    assert topic.status_code == 302, topic.get_data(as_text=True)[:300]
    item_id = topic.headers["Location"].rstrip("/").split("/")[-1]
    assert signed_in(app, "ren").post(f"/items/{item_id}/replies", data={"body": reply}).status_code == 302
    held = signed_in(app, "mika").post("/b/general/new", data={"title": "thinspo", "body": "pro-ana"})
    assert held.status_code == 302  # a watched word holds it: the review queue has an entry


def signed_in(app: Flask, name: str) -> Any:
    """A test client signed in as ``name`` (for writing demo content and crawling)."""
    client = app.test_client()
    login(client, name)
    return client


def sign_in(page: Any, base_url: str, name: str) -> None:
    """The sign-in form by its field ids: its labels are in the community's language."""
    page.goto(f"{base_url}/login")
    page.fill("#username", name)
    page.fill("#password", PASSWORD)
    page.locator("main form button").click()
    page.locator("header.site form[action$='/logout']").wait_for(state="attached")


def crawl(client: Any) -> list[str]:
    """Every same-site link a role reaches from the home page answers below 400 (links are
    read from the first page of each type); returns the first URL of each page type."""
    queue, visited, first_of_type = ["/", "/search?q=walk", "/search?q=散歩"], set(), {}
    while queue and len(visited) < MAX_LINKS:
        path = queue.pop(0)
        if path in visited:
            continue
        visited.add(path)
        response = client.get(path)
        assert response.status_code < 400, (path, response.status_code)
        if page_type(path) in first_of_type or response.mimetype != "text/html":
            continue
        first_of_type[page_type(path)] = path
        for href in re.findall(r'href="([^"#]*)', response.get_data(as_text=True)):
            href = href.replace("&amp;", "&")
            if href and not SKIP.search(href) and not href.startswith("http"):
                queue.append(urljoin(path, href))
    return list(first_of_type.values())


def page_type(path: str) -> str:
    """A URL's page type: numbers and names in it made generic (/funcan/7 -> /funcan/N)."""
    generic = re.sub(r"/u/[^/?]+", "/u/NAME", re.sub(r"/\d+[^/?]*", "/N", urlsplit(path).path))
    return generic + ("?q" if "q=" in path else "")


def check_page(page: Any, url: str, axe: str, msgids: list[re.Pattern[str]], label: str,
               japanese: bool) -> list[str]:
    """The problems on one page, as sentences (empty when it is fine); writes its screenshot."""
    page.goto(url)
    problems = []
    width = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if width > 0:
        problems.append(f"{label}: {width}px of horizontal overflow")
    help_box = page.locator("header.site a.help-now").bounding_box()
    viewport = page.viewport_size
    if not help_box or help_box["y"] + help_box["height"] > viewport["height"]:
        problems.append(f"{label}: the crisis link is not visible without scrolling")
    page.add_script_tag(content=axe)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    for violation in result["violations"]:
        targets = [node["target"] for node in violation["nodes"]][:3]
        problems.append(f"{label}: axe {violation['id']} ({violation['help']}) at {targets}")
    if japanese:
        lines = {line.strip() for line in page.inner_text("body").split("\n") if line.strip()}
        english = sorted(line for line in lines if any(p.fullmatch(line) for p in msgids))
        if english:
            problems.append(f"{label}: untranslated {english[:5]}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{label.replace('/', '_')}.png"), full_page=True)
    return problems


@pytest.mark.parametrize("language", ["en", "ja"])
def test_every_page_type_for_every_role_on_phone_and_desktop(make_app, live_server, browser, language):
    axe, msgids = axe_source(), english_msgids()
    app = community_app(make_app, language)
    write_discussion(app, language)
    server = live_server(app)
    problems: list[str] = []
    checked: set[str] = set()  # each page type once (by the first role that reaches it), home for all
    for role, name in ROLES.items():
        paths = crawl(signed_in(app, name) if name else app.test_client())
        context = browser.new_context(bypass_csp=True, viewport=PHONE)
        page = context.new_page()
        page.set_default_timeout(10_000)
        if name:
            sign_in(page, server.url, name)
        for path in paths:
            kind = page_type(path)
            if kind in checked and kind != "/":
                continue
            checked.add(kind)
            for size_name, size in (("phone", PHONE), ("desktop", DESKTOP)):
                page.set_viewport_size(size)
                label = f"{language}-{role}-{size_name}-{kind.strip('/') or 'home'}"
                problems += check_page(page, server.url + path, axe, msgids, label, language == "ja")
        context.close()
    assert len(checked) > 30, sorted(checked)  # the crawl really reached the page types
    assert not problems, "\n".join(problems)


@pytest.fixture
def js_page(browser: Any) -> Any:
    """A page that can measure (JavaScript on for page.evaluate; the pages themselves have none)."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_phq9_chart_is_readable_at_320_px_and_a_band_edge_score_sits_in_one_band(make_app, live_server,
                                                                                   js_page):
    pytest.importorskip("plugins.questionnaires", reason="the questionnaires plugin draws the chart")
    app = make_app(plugins=["questionnaires"])
    add_user(app, "aoi")
    client = signed_in(app, "aoi")
    for total in (10, 14, 5):  # 10 and 5: the first score of a band
        answers = [3] * (total // 3) + [total % 3] + [0] * 9
        client.post("/questionnaires/phq9", data={f"q_{n}": str(v) for n, v in enumerate(answers[:8], 1)}
                    | {"q_9": "0"})
    server = live_server(app)
    js_page.set_viewport_size({"width": 320, "height": 640})
    sign_in(js_page, server.url, "aoi")
    js_page.goto(f"{server.url}/questionnaires/phq9/history")
    sizes = js_page.evaluate("""() => [...document.querySelectorAll('svg.chart text')].map(t =>
        parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)""")
    assert sizes and min(sizes) >= 12, sizes
    inside = js_page.evaluate("""() => [...document.querySelectorAll('svg.chart circle')].map(c => {
        const y = c.cy.baseVal.value;
        return [...document.querySelectorAll('svg.chart rect')].filter(r =>
            y > r.y.baseVal.value + 1 && y < r.y.baseVal.value + r.height.baseVal.value - 1).length;
    })""")
    assert inside == [1, 1, 1]  # every point clearly inside exactly one band
    assert js_page.evaluate("document.documentElement.scrollWidth <= 320")


def test_error_summary_takes_focus_and_delete_is_no_larger_than_edit(make_app, live_server, js_page):
    pytest.importorskip("plugins.comments", reason="with the comments plugin: replies")
    app = make_app(plugins=["comments"])
    add_board(app)
    add_user(app, "aoi")
    server = live_server(app)
    js_page.set_viewport_size(PHONE)
    sign_in(js_page, server.url, "aoi")
    js_page.goto(f"{server.url}/b/general/new")
    js_page.locator("main form button").click()
    assert js_page.evaluate("document.activeElement.className") == "form-errors"
    js_page.locator(".form-errors a[href='#title']").click()
    assert js_page.evaluate("document.activeElement.id") == "title"
    js_page.fill("#title", "Sizes")
    js_page.fill("#body", "Edit and Delete, side by side.")
    js_page.locator("main form button").click()
    edit, delete = (js_page.locator(".actions a", has_text=name).first.bounding_box()
                    for name in ("Edit", "Delete"))
    assert delete["height"] <= edit["height"]
    sizes = js_page.evaluate(
        "[...document.querySelectorAll('.actions a')].map(a => getComputedStyle(a).fontSize)")
    assert len(set(sizes)) == 1, sizes  # one text size for Edit and Delete
    assert min(edit["height"], delete["height"]) >= 24  # WCAG 2.2 target size


def test_one_invalid_emotion_does_not_paint_the_empty_rows_red(make_app, live_server, js_page):
    pytest.importorskip("plugins.thought_record", reason="the thought record plugin's form")
    app = make_app(plugins=["thought_record"])
    add_user(app, "aoi")
    server = live_server(app)
    sign_in(js_page, server.url, "aoi")
    js_page.goto(f"{server.url}/thought-records/new")
    js_page.fill("#situation", "At the station")
    js_page.fill("#automatic_thoughts", "Everyone is looking.")
    js_page.fill("#balanced_thought", "Most people are busy with their day.")
    js_page.fill("#emotions-0-name", "Anxious")
    js_page.fill("#emotions-0-before", "150")  # out of range: the one invalid field
    js_page.locator("main form button").last.click()
    borders = js_page.evaluate("""() => [...document.querySelectorAll('.emotion-row input')].map(i =>
        [i.id, getComputedStyle(i).borderTopColor])""")
    red = {colour for name, colour in borders if name == "emotions-0-before"}
    others = [name for name, colour in borders if name != "emotions-0-before" and colour in red]
    assert red and others == [], borders
