"""The hook specifications: the whole contract between the core and plugins.

A plugin is a module with functions decorated by ``forum.core.api.hookimpl`` whose names
match the specs below. It may implement any subset, and may accept any subset of each
hook's arguments (pluggy passes arguments by name). Hooks without ``firstresult`` return
a list with one entry per plugin that answered (``None`` answers are dropped).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click
    from flask import Flask
    from markupsafe import Markup

    from .models import Item, User
    from .types import (
        ContentType,
        NavItem,
        ReactionPolicy,
        ScreenContext,
        ScreenResult,
        Section,
        Verdict,
    )

hookspec = pluggy.HookspecMarker("forum")


@hookspec
def forum_settings_schema() -> dict[str, Section]:
    """Declare the configuration tables this plugin owns.

    Return ``{"table_name": Section(...)}``. Called once at start-up, before the community
    file is validated: a key not declared by the core or by an enabled plugin is an error.
    """


@hookspec
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    """Set the plugin up inside ``create_app``: register blueprints, template globals, etc.

    ``settings`` is the validated configuration (every table, defaults filled in).
    Models must be defined at import time of the plugin module so that ``forum init``
    creates their tables. Called once per app, in plugin order.
    """


@hookspec
def forum_cli(cli: click.Group) -> None:
    """Add commands to the ``forum`` command line (e.g. ``forum export research``)."""


@hookspec
def forum_content_types() -> list[ContentType]:
    """Return the content types this plugin adds (name, label, item URL, default visibility)."""


@hookspec
def forum_reaction_policy(
    content_type: str, settings: dict[str, dict[str, Any]]
) -> ReactionPolicy | None:
    """Say how others may answer ``content_type``, or return None to stay silent.

    Exactly one plugin may answer per content type; two answers stop start-up with a
    configuration error. A type nobody answers for accepts neither reactions nor comments.
    """


@hookspec
def forum_screen(text: str, context: ScreenContext) -> list[Verdict] | None:
    """Screen one piece of member text before anyone else can see it.

    Called for every text field of every submission (topics, replies, exercise entries,
    profile fields, usernames). Return zero or more ``Verdict`` s. The core applies the most
    severe action over all rules and fields. Must be fast: it runs inside the request.
    """


@hookspec
def forum_after_screen(item: Item, result: ScreenResult, is_new: bool) -> None:
    """Called after an item was screened and saved (its ``status`` already decided).

    The moderation plugin queues held or flagged items here. The item is flushed (it has an
    id) but the transaction is still open: add rows to ``db.session``, do not commit.
    """


@hookspec
def forum_after_publish(item: Item) -> None:
    """An item became visible to the community (published at once or approved).

    Called after the commit. Search indexing and notifications hang off this.
    """


@hookspec
def forum_after_update(item: Item) -> None:
    """An item changed (edit, share/unshare, moderation) or was saved new but not public
    (private, or held for review): only its author can see it. After commit."""


@hookspec
def forum_after_delete(item: Item) -> None:
    """An item was deleted by its author or removed by a moderator. After commit."""


@hookspec
def forum_after_moderation(item: Item, decision: str, moderator: User, reason: str) -> None:
    """A moderator decided on an item (``approve``, ``reject``, ``edit_approve``, ...). After commit."""


@hookspec
def forum_safety_alert(user: User, reason: str, item: Item | None, urgent: bool) -> None:
    """A member may be at risk (a self-harm rule held their text, PHQ-9 item 9 > 0, ...).

    The moderation plugin turns this into an urgent queue item. ``reason`` must not contain
    more of the member's data than a moderator needs.
    """


@hookspec(firstresult=True)
def forum_crisis_followup(user: User | None, item: Item | None, result: ScreenResult | None) -> str | None:
    """Say, in one sentence for the member, what follows now that they saw the crisis page.

    ``item`` is what they just saved (None for e.g. a questionnaire answer), ``result`` its
    screening (None when no text was screened). The answer must be true for this item in this
    community: "a moderator will read it" only if one is alerted. The first answer wins; with
    none, the page says that no moderator is told automatically.
    """


@hookspec
def forum_prepare_items(items: list[Item], viewer: User | None) -> None:
    """Prefetch per-item data for a page of items in one query (e.g. reaction counts).

    Store results in ``item.extras[<plugin name>]``. Called once per list, so a page with
    50 items costs the same number of queries as a page with 5.
    """


@hookspec
def forum_item_footer(item: Item, viewer: User | None) -> Markup | None:
    """HTML shown under one item (reaction buttons, replies). Use only prefetched data."""


@hookspec
def forum_nav_items(user: User | None) -> list[NavItem]:
    """Links for the main navigation, as seen by ``user`` (None when anonymous)."""


@hookspec
def forum_home_sections(viewer: User | None) -> list[Markup]:
    """Blocks shown on the home page under the boards (e.g. a community feed)."""


@hookspec
def forum_profile_sections(user: User, viewer: User | None) -> list[Markup]:
    """Blocks shown on ``user``'s profile page as ``viewer`` sees it."""


@hookspec
def forum_questionnaires() -> list[Any]:
    """Return instrument definitions (or paths to instrument data files) this plugin ships."""


@hookspec
def forum_usage_event(user: User, function: str) -> None:
    """A member used a function (``sign_in``, ``react``, ``read_profiles``, ``funcan``, ...).

    The research plugin records it for members who consented. Implementations must be cheap
    and must not write more than once per member, function and day.
    """


@hookspec
def forum_member_export(user: User) -> dict[str, Any]:
    """Return this plugin's data about ``user`` for the member's own data export."""


@hookspec
def forum_member_delete(user: User) -> None:
    """Delete this plugin's data about ``user`` (the member deletes their account)."""


@hookspec
def forum_demo_content(users: dict[str, User], settings: dict[str, dict[str, Any]]) -> None:
    """Add sample content for ``forum demo`` (``users`` maps demo names to members).

    Use the normal paths (``submit``) so the demo shows what members would see. Commit.
    """
