"""The rough edges of issue 18, one test each (layout and focus: tests/test_design_browser.py)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from flask import Flask

from forum.testing import add_board, member_client

ROOT = Path(__file__).resolve().parent.parent
CRISIS_RULE = "plugins.moderation"


def post_topic(client, title: str = "A title", body: str = "A body.", **options):
    return client.post("/b/general/new", data={"title": title, "body": body}, **options)


def topic_id(response) -> int:
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def test_one_stylesheet_under_12_kb_and_the_core_names_no_built_in():
    css = ROOT / "forum/core/static/forum.css"
    assert css.stat().st_size < 12 * 1024
    assert "prefers-color-scheme:dark" in css.read_text()
    base = (ROOT / "forum/core/templates/forum/base.html").read_text()
    assert "search" not in base.lower()  # the search built-in brings its box by forum_header_items


def test_header_has_the_crisis_button_and_a_menu_that_opens_without_javascript(make_app):
    app = make_app()
    html = app.test_client().get("/").get_data(as_text=True)
    header = html.split("</header>")[0]
    assert '<a class="help-now" href="/help">Need help now?</a>' in header
    assert '<details class="menu">' in header and "<script" not in html


def test_favicon_is_served(make_app):
    response = make_app().test_client().get("/favicon.ico")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert response.get_data(as_text=True).startswith("<svg")


def test_crisis_page_has_its_own_url_and_a_reload_sends_nothing_again(make_app):
    pytest.importorskip(CRISIS_RULE, reason="the moderation plugin's risk rules")
    app = make_app(plugins=["moderation"])
    add_board(app)
    aoi = member_client(app, "aoi")
    response = post_topic(aoi, "Tonight", "I want to kill myself tonight.")
    assert response.status_code == 303 and response.headers["Location"].endswith("/crisis")
    for _reload in range(2):
        page = aoi.get("/crisis").get_data(as_text=True)
        assert "We are here with you" in page and "a moderator has been alerted" in page
    with app.app_context():
        from forum.core.api import Item, db

        assert db.session.query(Item).filter_by(title="Tonight").count() == 1


def test_successful_posts_redirect(make_app):
    app = make_app()
    add_board(app)
    response = post_topic(member_client(app, "aoi"))
    assert response.status_code == 302


def test_error_summary_links_every_invalid_field_and_hints_stay_described(make_app):
    app = make_app()
    add_board(app)
    html = post_topic(member_client(app, "aoi"), "", "").get_data(as_text=True)
    summary = html.split('class="form-errors"')[1].split("</div>")[0]
    assert 'role="alert" tabindex="-1" autofocus' in summary
    assert '<a href="#title">Title</a>' in summary and '<a href="#body">Message</a>' in summary
    assert 'aria-describedby="body-hint body-error"' in html  # the hint is not dropped
    assert 'aria-describedby="title-error"' in html


def test_rate_limit_page_keeps_the_text_and_speaks_plainly(make_app):
    app = make_app(flask={"RATELIMIT_ENABLED": True}, limits={"write": "1 per minute"})
    add_board(app)
    aoi = member_client(app, "aoi")
    assert post_topic(aoi).status_code == 302
    limited = post_topic(aoi, "Second", "My words about a long day.")
    html = limited.get_data(as_text=True)
    assert limited.status_code == 429
    assert "My words about a long day." in html and "Second" in html
    assert "per 1 minute" not in html and "Please slow down" in html


def test_topics_and_replies_ask_before_deleting_without_javascript(make_app):
    pytest.importorskip("plugins.comments", reason="with the comments plugin: replies")
    app = make_app(plugins=["comments"])
    add_board(app)
    aoi = member_client(app, "aoi")
    topic = topic_id(post_topic(aoi, "Delete me", "Soon gone."))
    assert aoi.post(f"/items/{topic}/replies", data={"body": "A reply."}).status_code == 302
    page = aoi.get(f"/t/{topic}").get_data(as_text=True)
    assert not re.search(r"<p[^>]*>(?:(?!</p>).)*<form", page, re.S)  # no <form> inside <p>
    links = re.findall(r'<a class="danger" href="(/items/\d+/delete\?next=[^"]+)">Delete</a>', page)
    assert len(links) == 2  # the topic's and the reply's
    for link in links:
        confirm = aoi.get(link.replace("&amp;", "&"))
        assert confirm.status_code == 200 and "Delete this?" in confirm.get_data(as_text=True)
    assert aoi.get(f"/t/{topic}").status_code == 200  # asking deleted nothing
    assert aoi.post(f"/items/{topic}/delete", data={"next": "/b/general"}).status_code == 302
    assert aoi.get(f"/t/{topic}").status_code == 404


def test_visitors_sent_to_sign_in_are_told_why(make_app):
    app = make_app(community={"public_read": False})
    add_board(app)
    visitor = app.test_client()
    response = visitor.get("/b/general")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    page = visitor.get(response.headers["Location"]).get_data(as_text=True)
    assert "Please sign in to see that page" in page
    assert "Please sign in to see that page" not in visitor.get("/login").get_data(as_text=True)


def test_boards_without_replies_do_not_count_replies(make_app):
    app = make_app()
    add_board(app)
    aoi = member_client(app, "aoi")
    post_topic(aoi, "Quiet topic")
    page = aoi.get("/b/general").get_data(as_text=True)
    assert "Quiet topic" in page and "0 replies" not in page


def test_boards_with_replies_count_them(make_app):
    pytest.importorskip("plugins.comments", reason="with the comments plugin: replies")
    app = make_app(plugins=["comments"])
    add_board(app)
    aoi = member_client(app, "aoi")
    post_topic(aoi, "With replies")
    assert "0 replies" in aoi.get("/b/general").get_data(as_text=True)


@pytest.mark.parametrize("config, heading", [("horyzons.toml", "What is psychosis?")])
def test_horyzons_shows_first_episode_psychosis_pages(make_app, config: str, heading: str):
    pytest.importorskip("plugins.comments", reason="the HORYZONS example enables comments")
    app: Flask = make_app(config=str(ROOT / "examples" / config))
    learn = member_client(app, "aoi").get("/learn").get_data(as_text=True)
    assert heading in learn and "depression" not in learn.lower()
    for folder in ("content-psychosis", "content-psychosis-ja"):
        pages = sorted((ROOT / "examples" / folder).glob("*.md"))
        assert len(pages) >= 3 and all(("Sources:" in p.read_text() or "出典" in p.read_text())
                                       for p in pages)


def test_search_indexes_words_not_choice_codes_and_names_untitled_results(make_app):
    pytest.importorskip("plugins.funcan", reason="FunCan entries carry choice codes")
    app = make_app(plugins=["funcan"])
    aoi = member_client(app, "aoi")
    saved = aoi.post("/funcan/new", data={"text": "Painted by the window.", "category": "creative",
                                          "day": date.today().isoformat(), "visibility": "community"})
    assert saved.status_code == 302
    assert "0 results" in aoi.get("/search?q=creative").get_data(as_text=True)
    found = aoi.get("/search?q=painted").get_data(as_text=True)
    assert "1 result" in found and "FunCan by aoi" in found


def test_the_review_page_names_fields_and_choices_in_the_community_language(make_app):
    pytest.importorskip("plugins.funcan", reason="FunCan entries carry choice codes")
    app = make_app(plugins=["funcan"], community={"language": "ja"})
    with app.test_request_context():
        from forum.core.api import Item

        item = Item(type="funcan", data={"category": "creative", "day": "2026-12-01"})
        template = app.jinja_env.from_string(
            "{% for name, value in item.data.items() %}{% set label, text = field_text(item, name, value) %}"
            "[{{ label }}={{ text }}]{% endfor %}")
        shown = template.render(item=item)
    assert "category" not in shown.lower() and "creative" not in shown and "Day" not in shown, shown
    assert "[=" not in shown and "=]" not in shown
    assert "=2026-12-01]" in shown, shown


def test_content_type_labels_speak_the_community_language(make_app):
    app = make_app(community={"language": "ja"})
    with app.test_request_context():
        from forum.core.api import forum_state

        label = forum_state().content_types["discussion"].display_label
    assert label != "Discussion" and label
