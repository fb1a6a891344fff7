"""Search, a built-in feature registered through the same hooks as any plugin.

Adds: the [search] config table, the /search page, index upkeep on publish, update,
moderation and deletion, and ``forum reindex``. How the index stays correct under
concurrent writers: ``index``. Japanese and English analysis: ``text``.
Backends: ``whoosh`` (embedded default), ``postgres`` (several app servers).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import click
from flask import Blueprint, Flask, abort, current_app, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import select

from forum.core.api import (
    ConfigError,
    Item,
    Page,
    Section,
    Setting,
    User,
    db,
    forum_state,
    hookimpl,
    item_body,
    item_url,
    limiter,
    page_number,
    prepare_items,
    readable,
    search_limit,
    viewer,
)

from .backend import SORTS, IndexBusy
from .index import (
    EXTENSION,
    Verification,
    backend,
    content_text,
    find,
    forum_source,
    item_changed,
    make_backend,
    queue,
    reindex,
    search_settings,
    verify,
    with_children,
)
from .text import QueryTooLong, SearchQuery, highlight, parse_query, snippet

SEARCH_SCHEMA = Section({
    "backend": Setting(str, "whoosh", "where the index lives: the embedded Whoosh index, or "
                       "PostgreSQL full text (for several app servers)",
                       choices=("whoosh", "postgresql")),
    "index_dir": Setting(str, "", "Whoosh index folder, relative to the instance folder "
                         "(default: search)"),
    "per_page": Setting(int, 10, "results per page", minimum=1, maximum=100),
    "max_query_length": Setting(int, 100, "longest query accepted, in characters", minimum=1, maximum=1000),
    "write_wait": Setting((int, float), 2.0, "seconds a write waits for the index before "
                          "leaving the change queued for the next one", minimum=0, maximum=60),
})
LIMITS = {"per_page": (1, 100), "max_query_length": (1, 1000), "write_wait": (0, 60)}


@hookimpl
def forum_settings_schema() -> dict[str, Section]:
    return {"search": SEARCH_SCHEMA}


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    check_limits(forum_source(app), settings["search"])
    app.extensions[EXTENSION] = make_backend(app, settings["search"])
    app.register_blueprint(bp)


@hookimpl
def forum_after_screen(item: Item) -> None:
    # Queued in the same transaction as the item (a transactional outbox): even a new private
    # entry, which fires no after-commit hook, reaches the index by the next drain.
    queue([item.id], commit=False)


@hookimpl
def forum_after_publish(item: Item) -> None:
    item_changed(item)


@hookimpl
def forum_after_update(item: Item) -> None:
    item_changed(item)


@hookimpl
def forum_after_moderation(item: Item) -> None:
    item_changed(item)


@hookimpl
def forum_after_delete(item: Item) -> None:
    item_changed(item)


@hookimpl
def forum_member_delete(user: User) -> None:
    # Queued in the caller's transaction, drained once the member's items are gone; with the
    # replies under them (kept under a placeholder, or deleted with them by the database).
    queue(with_children(db.session.scalars(select(Item.id).where(Item.author_id == user.id))),
          commit=False)


@hookimpl
def forum_header_items(user: User | None) -> list[Markup]:
    # The search page has its own, larger box: one search landmark a page.
    if request.endpoint == "search.search":
        return []
    return [_header_box()]


def _header_box() -> Markup:
    """The same box on every page in a language: rendered once per language and app root."""
    boxes = current_app.extensions.setdefault("search_header_boxes", {})
    key = (str(get_locale()), request.script_root)
    if key not in boxes:
        boxes[key] = Markup(render_template("search/_header.html",
                                            max_length=search_settings()["max_query_length"]))
    return boxes[key]


@hookimpl
def forum_cli(cli: click.Group) -> None:
    cli.add_command(reindex_command)


@hookimpl
def forum_after_restore(app: Flask) -> None:
    """A restored database has other items than the index: rebuild it (as ``forum reindex``)."""
    reindex()


def check_limits(source: str, config: dict[str, Any]) -> None:
    for key, (low, high) in LIMITS.items():
        if not low <= config[key] <= high:
            raise ConfigError(f"{source}: [search] {key} is {config[key]!r}; "
                              f"use a number from {low} to {high}.")


# The page ---------------------------------------------------------------------------------

bp = Blueprint("search", __name__)


@dataclass(frozen=True)
class Result:
    item: Item
    url: str
    label: str  # the content type, e.g. "Discussion"
    title: Markup  # escaped, matches marked
    snippet: Markup


def present(item: Item, query: SearchQuery) -> Result:
    content_type = forum_state().content_types.get(item.type)
    label = content_type.display_label if content_type else item.type
    text = content_text(item.body, item.body_html, item.data)
    # Untitled entries are named by their type and author ("FunCan by aoi"), not the type alone.
    title = highlight(item.title, query) if item.title else Markup.escape(
        _("%(type)s by %(name)s", type=label, name=item.author.username))
    # A content warning (or another plugin's wrapper) covers the snippet as it covers the item.
    return Result(item, item_url(item), label, title, item_body(item, snippet(text, query)))


def form_page(q: str, sort: str, status: int = 200, **context: Any) -> tuple[str, int]:
    return render_template("search/search.html", q=q, sort=sort,
                           max_length=search_settings()["max_query_length"], **context), status


@bp.route("/search")
@readable
@limiter.limit(search_limit, exempt_when=lambda: not request.args.get("q", "").strip())
def search() -> tuple[str, int]:
    q = request.args.get("q", "").strip()
    sort = request.args.get("sort", SORTS[0])
    sort = sort if sort in SORTS else SORTS[0]
    if not q:
        return form_page(q, sort)
    limit = search_settings()["max_query_length"]
    try:
        query = parse_query(q, limit)
    except QueryTooLong:
        error = _("Please shorten your search to %(num)d characters or fewer.", num=limit)
        return form_page(q, sort, 422, error=error)
    number = page_number()
    found = find(query, viewer(), number, sort)
    prepare_items(found.items, viewer())
    page = Page([present(item, query) for item in found.items], number,
                search_settings()["per_page"], found.total)
    if number > page.pages:
        abort(404)
    return form_page(q, sort, page=page)


# The command ------------------------------------------------------------------------------


@click.command("reindex")
@click.option("--verify", "check_only", is_flag=True,
              help="Only compare: list published items missing from the index (exit 1 if any).")
@click.pass_obj
def reindex_command(ctx: Any, check_only: bool) -> None:
    """Rebuild the search index from the database (or, with --verify, check it)."""
    with ctx.app.app_context():
        started = time.perf_counter()
        try:
            if check_only:
                report_verification(verify())
                return
            count = reindex()
        except IndexBusy as busy:
            raise click.ClickException(f"{busy}; try again when the forum is quieter") from None
        name = backend().name
    click.echo(f"Indexed {count} items ({name}) in {time.perf_counter() - started:.1f}s.")


def report_verification(found: Verification) -> None:
    if found.ok:
        click.echo("The search index holds every published item, and nothing else.")
        return
    if found.missing:
        click.echo(f"Missing from the index ({len(found.missing)}): {ids_text(found.missing)}")
    if found.stale:
        click.echo(f"In the index but not published ({len(found.stale)}): {ids_text(found.stale)}")
    click.echo("Fix: run `forum reindex`.")
    raise SystemExit(1)


def ids_text(ids: list[int], shown: int = 50) -> str:
    more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
    return ", ".join(str(i) for i in ids[:shown]) + more
