"""Search never shows anyone an item they may not see, whatever its status and visibility.

Every status (published, held, rejected, deleted) x visibility (private, community), seen by
another member, a visitor, the author and a moderator, on every search backend. Each item
is published (and indexed) first, then moved to its status through the normal paths, so the
test also proves that removal from the index works.
"""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from forum.builtins.search.backend import SearchDoc
from forum.builtins.search.index import backend, load_docs
from forum.builtins.search.tests import test_search
from forum.builtins.search.tests.test_search import in_index, make_search_app, moderate, results, write
from forum.core.api import Item, User, db, delete_item
from forum.testing import add_user, login

search_backend = test_search.search_backend  # the same parametrised fixture: each backend

STATUSES = ("published", "held", "rejected", "deleted")
VISIBILITIES = ("private", "community")
CASES = list(itertools.product(STATUSES, VISIBILITIES))
WORD = "lantern"


def marker(status: str, visibility: str) -> str:
    return f"{status}{visibility}marker"


def link(item_id: int) -> str:
    return f"/journal/{item_id}"


@pytest.fixture
def matrix(make_app, search_backend):
    """An app with one journal item per (status, visibility), all by "aoi"."""
    app = make_search_app(make_app, search_backend)
    for name, role in (("aoi", "member"), ("ren", "member"), ("sora_mod", "moderator")):
        add_user(app, name, role)
    items = {}
    for status, visibility in CASES:
        item_id = write(app, "aoi", f"{WORD} {marker(status, visibility)}", kind="journal",
                        visibility=visibility)
        move(app, item_id, status)
        items[status, visibility] = item_id
    return app, items


def move(app, item_id: int, status: str) -> None:
    if status in ("held", "rejected"):
        moderate(app, item_id, status)
    elif status == "deleted":
        with app.app_context():
            item = db.session.get(Item, item_id)
            delete_item(item, db.session.scalar(select(User).where(User.username == "aoi")))


def client_for(app, name: str | None):
    client = app.test_client()
    if name:
        login(client, name)
    return client


def visible_cases(viewer: str | None) -> set[tuple[str, str]]:
    """Search shows published items: community ones to all, private ones to their author."""
    cases = {("published", "community")}
    if viewer == "aoi":
        cases.add(("published", "private"))
    return cases


def test_search_shows_only_what_the_viewer_may_see(matrix):
    app, items = matrix
    for viewer in (None, "ren", "aoi", "sora_mod"):
        client = client_for(app, viewer)
        expected = {link(items[case]) for case in visible_cases(viewer)}
        assert set(results(client, WORD)) == expected, viewer
        page = client.get("/search", query_string={"q": WORD}).get_data(as_text=True)
        assert f"{len(expected)} result" in page, viewer  # the count leaks nothing either
        for case, item_id in items.items():
            found = results(client, marker(*case))
            assert found == ([link(item_id)] if case in visible_cases(viewer) else []), (viewer, case)


def test_only_published_items_are_in_the_index(matrix):
    app, items = matrix
    with app.app_context():
        indexed = set(load_docs(items.values()))
        author = db.session.scalar(select(User.id).where(User.username == "aoi"))
    published = {items[case] for case in CASES if case[0] == "published"}
    assert indexed == published
    found = in_index(app, WORD, author)
    assert set(found.item_ids) == published and found.total == len(published)
    assert in_index(app, WORD).item_ids == [items["published", "community"]]


def test_a_stale_index_still_leaks_nothing(matrix):
    """Defense in depth: even if the index wrongly said every item was public, SQL re-checks."""
    app, items = matrix
    with app.app_context():
        stale = [doc_claiming_public(item_id) for item_id in items.values()]
        for doc in stale:
            backend().index(doc)
    for viewer in (None, "ren", "sora_mod"):
        found = set(results(client_for(app, viewer), WORD))
        assert found == {link(items["published", "community"])}, viewer


def doc_claiming_public(item_id: int) -> SearchDoc:
    item = db.session.get(Item, item_id)
    return SearchDoc(item.id, item.type, item.author_id, "community", "published", item.created_at,
                     "", item.body)
