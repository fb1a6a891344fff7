"""Search through the page: Japanese and English, snippets, order, pages, index upkeep.

Every test runs on each search backend the database allows: Whoosh always, PostgreSQL full
text when the test database is PostgreSQL (FORUM_TEST_DATABASE_URL). This module is also a
tiny plugin (a private-by-default "journal" type with exercise fields in ``item.data``).
"""

from __future__ import annotations

import os
import re
from types import SimpleNamespace
from typing import Any

import click
import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from playwright.sync_api import expect
from sqlalchemy import event, insert, select

from forum.builtins.search.backend import Scope, SearchDoc, SearchResults
from forum.builtins.search.index import backend, reindex
from forum.builtins.search.text import parse_query
from forum.core.api import ConfigError, ContentType, Item, User, db, hookimpl, set_status, submit
from forum.testing import add_user, login, member_client, open_menu

THIS_PLUGIN = "forum.builtins.search.tests.test_search"
RESULT_LINK = re.compile(r'<h3><a href="([^"]+)">(.*?)</a></h3>')


@hookimpl
def forum_content_types() -> list[ContentType]:
    return [ContentType("journal", "Journal", lambda item: f"/journal/{item.id}",
                        default_visibility="private")]


SEARCH_BACKENDS = ["whoosh", "postgresql"] if os.environ.get("FORUM_TEST_DATABASE_URL") else ["whoosh"]


@pytest.fixture(params=SEARCH_BACKENDS)
def search_backend(request: pytest.FixtureRequest, database_url: str) -> str:
    if request.param == "postgresql" and not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL search needs the PostgreSQL database")
    return request.param


@pytest.fixture
def search_app(make_app: Any, search_backend: str) -> Flask:
    return make_search_app(make_app, search_backend)


def make_search_app(make_app: Any, backend: str, **search: Any) -> Flask:
    return make_app(plugins=[THIS_PLUGIN], search={"backend": backend, **search})


def write(app: Flask, author: str, body: str, title: str | None = None, *, kind: str = "discussion",
          visibility: str = "community", **fields: str) -> int:
    """Publish an item through the one path member text takes (screening, hooks, indexing)."""
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == author))
        item = Item(type=kind, author=user, visibility=visibility)
        texts = {"body": body, **fields} | ({"title": title} if title else {})
        assert submit(item, texts, is_new=True).saved
        return item.id


def moderate(app: Flask, item_id: int, status: str, moderator: str = "sora_mod") -> None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == moderator))
        set_status(db.session.get(Item, item_id), status, user, status)


def results(client: FlaskClient, q: str, **params: Any) -> list[str]:
    """The result links, in order, of a search that must answer 200."""
    response = client.get("/search", query_string={"q": q, **params})
    assert response.status_code == 200, response.get_data(as_text=True)
    return [link for link, _title in RESULT_LINK.findall(response.get_data(as_text=True))]


def in_index(app: Flask, words: str, viewer: int | None = None) -> SearchResults:
    """What the index itself answers (no SQL re-check), for every listed type."""
    with app.test_request_context():
        types = tuple(app.extensions["forum"].content_types)
        return backend().search(parse_query(words, 100), Scope(viewer, types), 1, 1000, "best")


def topic(item_id: int) -> str:
    return f"/t/{item_id}"


POSTS = {
    "mood": ("散歩", "今日は気分が少し良い"),
    "gloom": ("朝", "朝から憂鬱だった"),
    "walk": ("Small steps", "I went WALKING by the river."),
    "cbt": ("本", "ＣＢＴの本を読んだ。ｷﾓﾁが楽になった"),
}
FINDS = [
    ("気分", ["mood"]), ("気分が少し", ["mood"]), ("気分が悪い", []),
    ("鬱", ["gloom"]),  # the last character of a run: a unigram
    ("憂", ["gloom"]),  # the first character of a bigram: a prefix
    ("walks", ["walk"]),  # stemmed
    ("cbt", ["cbt"]), ("キモチ", ["cbt"]),  # full-width letters, half-width kana
    ("river 朝", []),  # every term must match
]


def test_japanese_and_english_queries_find_the_expected_posts(search_app):
    aoi = member_client(search_app, "aoi")
    ids = {name: write(search_app, "aoi", body, title) for name, (title, body) in POSTS.items()}
    for query, expected in FINDS:
        assert results(aoi, query) == [topic(ids[name]) for name in expected], query


def test_every_term_must_match_in_any_field(search_app):
    aoi = member_client(search_app, "aoi")
    both = write(search_app, "aoi", "A long walk, and 気分 improved.", "Sunday")
    write(search_app, "aoi", "Only a walk today.", "Monday")
    entry = write(search_app, "aoi", "Short note", kind="journal", visibility="private",
                  situation="満員電車で息苦しい", thought="I can't breathe here")
    assert results(aoi, "walk 気分") == [topic(both)]
    assert results(aoi, "sunday improved") == [topic(both)]
    assert results(aoi, "満員電車 breathe") == [f"/journal/{entry}"]


ODD_QUERIES = ['"walk', "walk:", "walk AND (", ")))", "a OR b -c", "*?~^\\", "\x00walk",
               "'; DROP TABLE items; --", "《気分》", "<script>", "title:walk", "%", "ｗａｌｋ　ＯＲ"]


def test_odd_queries_never_fail(search_app):
    aoi = member_client(search_app, "aoi")
    write(search_app, "aoi", "a walk")
    for odd in ODD_QUERIES:
        assert aoi.get("/search", query_string={"q": odd}).status_code == 200, odd
    assert aoi.get("/search?q=%ED%A0%80%FF%00").status_code == 200  # not UTF-8 at all
    assert results(aoi, "walk AND (") == []  # plain terms: "and" is a word the post lacks
    assert results(aoi, '("walk":') == [topic(1)]  # punctuation is not syntax either


def test_snippets_escape_member_text_then_mark_matches(search_app):
    aoi = member_client(search_app, "aoi")
    body = "Before " * 60 + "I wrote <b>bold</b> & said 気分が良い " + "after " * 60
    write(search_app, "aoi", body, "<i>気分</i> title")
    page = aoi.get("/search?q=気分").get_data(as_text=True)
    assert "&lt;i&gt;<mark>気分</mark>&lt;/i&gt; title" in page
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; said <mark>気分</mark>が良い" in page
    assert "<b>bold</b>" not in page and "<i>" not in page
    assert "… " in page and " …" in page  # a window around the match, not the whole body


def test_best_and_newest_order(search_app):
    aoi = member_client(search_app, "aoi")
    in_title = write(search_app, "aoi", "Nothing else here.", "Sleep tips")
    in_body = write(search_app, "aoi", "I could not sleep at all.", "A hard night")
    assert results(aoi, "sleep") == [topic(in_title), topic(in_body)]
    assert results(aoi, "sleep", sort="best") == [topic(in_title), topic(in_body)]
    assert results(aoi, "sleep", sort="newest") == [topic(in_body), topic(in_title)]
    assert results(aoi, "sleep", sort="nonsense") == [topic(in_title), topic(in_body)]


def test_results_are_paginated_and_counted(make_app, search_backend):
    app = make_search_app(make_app, search_backend, per_page=2)
    aoi = member_client(app, "aoi")
    ids = [write(app, "aoi", f"garden note {n}") for n in range(5)]
    first = aoi.get("/search?q=garden&sort=newest").get_data(as_text=True)
    assert "5 results" in first and "Page 1 of 3" in first
    assert 'href="/search?page=2&amp;q=garden&amp;sort=newest"' in first
    found = [link for n in (1, 2, 3) for link in results(aoi, "garden", sort="newest", page=n)]
    assert found == [topic(i) for i in reversed(ids)]
    for bad in ("4", "0", "x"):
        assert aoi.get(f"/search?q=garden&page={bad}").status_code == 404


def test_empty_long_and_wordless_queries(search_app):
    aoi = member_client(search_app, "aoi")
    empty = aoi.get("/search")
    assert empty.status_code == 200 and 'id="search-q"' in empty.get_data(as_text=True)
    assert 'id="search-results"' not in empty.get_data(as_text=True)
    long = aoi.get("/search", query_string={"q": "気" * 101})
    assert long.status_code == 422
    assert "Please shorten your search to 100 characters or fewer." in long.get_data(as_text=True)
    wordless = aoi.get("/search?q=%21%3F").get_data(as_text=True)
    assert "0 results" in wordless and "Nothing found" in wordless


def test_edits_shares_and_deletions_update_the_index(search_app):
    aoi, ren = member_client(search_app, "aoi"), member_client(search_app, "ren")
    item = write(search_app, "aoi", "about tulips")
    assert aoi.post(f"/t/{item}/edit", data={"title": "Flowers", "body": "about roses"}).status_code == 302
    assert results(ren, "tulips") == [] and results(ren, "roses") == [topic(item)]
    assert aoi.post(f"/items/{item}/visibility", data={"visibility": "private"}).status_code == 302
    assert results(ren, "roses") == [] and results(aoi, "roses") == [topic(item)]
    aoi.post(f"/items/{item}/visibility", data={"visibility": "community"})
    assert results(ren, "roses") == [topic(item)]
    assert aoi.post(f"/items/{item}/delete").status_code == 302
    assert results(aoi, "roses") == [] and results(ren, "roses") == []


def test_moderation_decisions_update_the_index(search_app):
    add_user(search_app, "sora_mod", "moderator")
    ren = member_client(search_app, "ren")
    add_user(search_app, "aoi")
    item = write(search_app, "aoi", "a story about hope")
    moderate(search_app, item, "held")
    assert results(ren, "hope") == []
    moderate(search_app, item, "published")
    assert results(ren, "hope") == [topic(item)]
    moderate(search_app, item, "rejected")
    assert results(ren, "hope") == []


def test_pre_moderated_items_are_found_only_after_approval(make_app, search_backend):
    app = make_app(plugins=[THIS_PLUGIN, "tests.recorder_plugin"], community={"moderation": "pre"},
                   search={"backend": search_backend})
    add_user(app, "sora_mod", "moderator")
    aoi = member_client(app, "aoi")
    item = write(app, "aoi", "waiting words")
    assert results(aoi, "waiting") == []
    moderate(app, item, "published")
    assert results(aoi, "waiting") == [topic(item)]


def test_member_deletion_empties_their_index_entries(search_app):
    member = add_user(search_app, "aoi")
    aoi = search_app.test_client()
    login(aoi, "aoi")
    write(search_app, "aoi", "goodbye words")
    write(search_app, "aoi", "secret goodbye", kind="journal", visibility="private")
    assert aoi.post("/me/delete", data={"password": "correct horse battery"}).status_code == 302
    for viewer in (None, member.id):
        assert in_index(search_app, "goodbye", viewer) == SearchResults([], 0)


def test_members_only_community_sends_visitors_to_sign_in(make_app, search_backend):
    app = make_app(community={"public_read": False}, search={"backend": search_backend})
    response = app.test_client().get("/search?q=walk")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_header_has_a_search_form_through_the_hook_and_the_search_page_one_landmark(search_app):
    client = search_app.test_client()
    page = client.get("/").get_data(as_text=True)
    header = page.split("</header>")[0]
    assert 'role="search" aria-label="Search the community" method="get" action="/search"' in header
    assert '<label for="site-search" class="visually-hidden">Search</label>' in header
    search_page = client.get("/search").get_data(as_text=True)
    assert search_page.count('role="search"') == 1 and 'aria-label="Search form"' in search_page


def test_search_page_views_write_nothing(search_app):
    aoi = member_client(search_app, "aoi")
    write(search_app, "aoi", "quiet reading")
    statements: list[str] = []
    with search_app.app_context():
        engine = db.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731 (conn, cursor, statement, ...)
    event.listen(engine, "before_cursor_execute", listener)
    try:
        assert results(aoi, "quiet")
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    verbs = {statement.lstrip().split()[0].upper() for statement in statements}
    assert verbs <= {"SELECT"}, statements


@pytest.mark.parametrize(("search", "message"), [
    ({"backend": "elastic"}, "Fix: use one of 'whoosh', 'postgresql'"),
    ({"per_page": 0}, "[search] per_page is 0, out of range. Fix: use a number from 1 to 100"),
    ({"write_wait": "soon"}, "[search] write_wait must be a number, got 'soon'. Fix:"),
])
def test_bad_search_settings_stop_start_up(make_app, search, message):
    with pytest.raises(ConfigError) as error:
        make_app(search=search)
    assert message in str(error.value)


def test_postgresql_search_needs_a_postgresql_database(make_app, database_url):
    if database_url.startswith("postgresql"):
        pytest.skip("only meaningful on SQLite")
    with pytest.raises(ConfigError, match='backend = "postgresql" needs a PostgreSQL database'):
        make_app(search={"backend": "postgresql"})


def test_forum_reindex_rebuilds_the_index_from_the_database(search_app):
    add_user(search_app, "sora_mod", "moderator")
    aoi = member_client(search_app, "aoi")
    kept = write(search_app, "aoi", "rebuilt words")
    hidden = write(search_app, "aoi", "rebuilt but held")
    moderate(search_app, hidden, "held")
    with search_app.app_context():
        backend().clear()
        item = db.session.get(Item, hidden)  # a stale entry the index should not have
        backend().index(SearchDoc(item.id, item.type, item.author_id, "community", "published",
                                  item.created_at, "", item.body))
    assert results(aoi, "rebuilt") == []
    commands = click.Group()
    search_app.extensions["forum"].hook.forum_cli(cli=commands)
    done = CliRunner().invoke(commands, ["reindex"], obj=SimpleNamespace(app=search_app))
    assert done.exit_code == 0, done.output
    assert re.match(r"Indexed 1 items \((whoosh|postgresql)\) in \d+\.\ds\.", done.output)
    assert results(aoi, "rebuilt") == [topic(kept)]
    assert in_index(search_app, "rebuilt") == SearchResults([kept], 1)


def test_a_rebuilt_index_counts_exactly_what_the_viewer_may_see(search_app):
    # The count leaves out others' private items and muted members and keeps one's own, in
    # every segment a rebuild writes; each segment's first match here is private and comes
    # after another private item (where Whoosh's AndNot let it through).
    members = {name: add_user(search_app, name) for name in ("aoi", "ren", "kai")}
    with search_app.app_context():
        ids = {name: db.session.scalar(select(User.id).where(User.username == name)) for name in members}
        rows = [{"type": "discussion", "author_id": ids[("aoi", "ren", "kai")[n % 3]],
                 "title": f"note {n}", "body": "harbour lights" if n % 4 == 0 and n else "quiet day",
                 "body_html": "", "data": {}, "status": "published",
                 "visibility": "private" if n % 7 in (1, 4) else "community"} for n in range(1500)]
        db.session.execute(insert(Item), rows)
        db.session.commit()
        reindex()
    matches = [row for row in rows if "harbour" in row["body"]]
    authors = [row["author_id"] for row in matches]
    private = [row["visibility"] == "private" for row in matches]
    aoi, kai = ids["aoi"], ids["kai"]

    def expected(viewer: int | None, hidden: frozenset[int] = frozenset()) -> int:
        return sum(1 for author, own in zip(authors, private, strict=True)
                   if author not in hidden and (not own or author == viewer))

    with search_app.test_request_context():
        types = tuple(search_app.extensions["forum"].content_types)
        for viewer, hidden in ((None, frozenset()), (aoi, frozenset()), (aoi, frozenset({kai}))):
            found = backend().search(parse_query("harbour", 100), Scope(viewer, types, hidden), 1, 10, "best")
            assert found.total == expected(viewer, hidden), (viewer, hidden)


@pytest.mark.browser
def test_a_visitor_searches_from_the_navigation_without_javascript(make_app, live_server, page):
    app = make_app()  # the embedded Whoosh index
    add_user(app, "aoi")
    for n in range(12):
        write(app, "aoi", f"今日は気分が少し良い ({n})", f"散歩 {n}")
    server = live_server(app)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(server.url)
    open_menu(page)
    page.get_by_role("search").get_by_label("Search").fill("気分")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="12 results")).to_be_visible()
    expect(page.locator("mark").first).to_have_text("気分")
    page.get_by_label("Newest first").check()
    page.get_by_role("main").get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="散歩 11")).to_be_visible()
    page.get_by_role("link", name="Next").click()
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    expect(page.get_by_role("link", name="散歩 0")).to_be_visible()
