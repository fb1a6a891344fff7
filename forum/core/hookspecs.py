"""The hook specifications: the whole contract between the core and plugins.

A plugin is a module with functions decorated by ``forum.core.api.hookimpl`` whose names
match the specs below. It may implement any subset, and may accept any subset of each
hook's arguments (pluggy passes arguments by name). Hooks without ``firstresult`` return
a list with one entry per plugin that answered (``None`` answers are dropped); with
``firstresult`` the first non-None answer wins and the rest are not called.

Each spec says **when** it is called and how it meets the database transaction:

- *start-up* hooks run once per app inside ``create_app`` (an app context is pushed).
- *in the transaction*: the change that caused the call is flushed but not committed; add
  rows to ``db.session`` and **never commit** (the core commits once, so the change and
  what plugins add land together or not at all).
- *after commit*: the change is saved; a hook may write and commit its own rows. The core
  calls each implementation on its own: one that raises is logged and its session rolled
  back, the others still run, and the member still sees what they saved. Retrying is the
  hook's own business (search keeps the change in its outbox; jobs stay pending).
- *read-only*: page hooks; query, never write.

A plugin may declare hooks of its own: a ``hookspecs`` attribute on its module (a module or
class whose functions carry ``forum.core.api.hookspec``); other plugins implement them like
these. Set ``FORUM_TRACE_HOOKS=1`` to print every call with its arguments and results.
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

    Return ``{"table_name": Section(...)}``. Start-up, first of all, before the community
    file is validated (no app context yet): a key not declared by the core or by an enabled
    plugin is an error.
    """


@hookspec
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    """Set the plugin up inside ``create_app``: register blueprints, template globals, etc.

    ``settings`` is the validated configuration (every table, defaults filled in).
    Models must be defined at import time of the plugin module so that ``forum init``
    creates their tables. Start-up, once per app, in plugin order, in an app context, after
    content types and reaction policies are known (``content_types()``, ``reaction_policy()``);
    raise ``ConfigError`` for a configuration mistake. Register extra hook implementations
    (e.g. screening rules built from settings) with ``register_plugin``. No database access.
    """


@hookspec
def forum_cli(cli: click.Group) -> None:
    """Add commands to the ``forum`` command line (e.g. ``forum export research``).

    Called when the command line is built for a community file. A command that needs the
    app uses ``flask.cli.with_appcontext``; it owns its transactions and commits.
    """


@hookspec
def forum_content_types() -> list[ContentType]:
    """Return the content types this plugin adds (name, label, item URL, default visibility,
    the usage function and which actions count as using it). Start-up, before
    ``forum_configure``; two plugins declaring one name stop start-up.
    """


@hookspec(firstresult=True)
def forum_reaction_policy(
    content_type: str, settings: dict[str, dict[str, Any]]
) -> ReactionPolicy | None:
    """Say how others may answer ``content_type``, or return None to stay silent.

    ``firstresult``: one answer wins. Exactly one plugin may answer per content type; two
    answers stop start-up with a configuration error (each implementation is asked once per
    type at start-up, before ``forum_configure``; the answers are kept, so this is never called
    in a request). A type nobody answers for accepts neither reactions nor comments.
    """


@hookspec
def forum_review_queue() -> bool:
    """Answer True if this plugin lets moderators review held items (a queue).

    Called once at start-up, after ``forum_configure``: ``[community] moderation = "pre"`` or
    ``"screened"`` holds items for review, so the core refuses to start when no plugin answers.
    """


@hookspec
def forum_screen(text: str, context: ScreenContext) -> list[Verdict] | None:
    """Screen one piece of member text before anyone else can see it.

    Called for every text field of every submission (topics, replies, exercise entries,
    profile fields, usernames). Return zero or more ``Verdict`` s. The core applies the most
    severe action over all rules and fields. In the request, before anything is saved
    (read-only: never write or commit); must be fast (well under 1 ms per 1 KB of text).
    """


@hookspec
def forum_after_screen(item: Item, result: ScreenResult, is_new: bool) -> None:
    """Called after an item was screened and saved (its ``status`` already decided).

    The moderation plugin queues held or flagged items here. In the transaction: the item
    is flushed (it has an id); add rows to ``db.session``, never commit.
    """


@hookspec
def forum_after_publish(item: Item) -> None:
    """An item became visible to the community (published at once or approved).

    After commit. Search indexing and notifications hang off this.
    """


@hookspec
def forum_after_update(item: Item) -> None:
    """An item changed (edit, share/unshare, moderation) or was saved new but not public
    (private, or held for review): only its author can see it. After commit."""


@hookspec
def forum_after_delete(item: Item) -> None:
    """An item was deleted by its author, removed by a moderator, or went with its author's
    account (then ``item`` is a detached copy: its row is gone). After commit; every
    implementation runs even if another raised (each failure is logged)."""


@hookspec
def forum_after_moderation(item: Item, decision: str, moderator: User, reason: str) -> None:
    """A moderator decided on an item (``approve``, ``reject``, ``edit_approve``, ...).

    After commit (the decision and its audit entry are saved).
    """


@hookspec
def forum_safety_alert(user: User, reason: str, item: Item | None, urgent: bool) -> None:
    """A member may be at risk (a self-harm rule held their text, PHQ-9 item 9 > 0, ...).

    The moderation plugin turns this into an urgent queue item. ``reason`` must not contain
    more of the member's data than a moderator needs. After the member's text or answers are
    saved; the implementation writes and commits its own rows.
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

    Store results in ``item.extras[<plugin name>]``. Read-only, once per list in the
    request, so a page with 50 items costs the same number of queries as a page with 5.
    """


@hookspec
def forum_item_footers(items: list[Item], viewer: User | None) -> dict[int, Markup] | None:
    """HTML shown under each of ``items`` (reaction buttons, replies), by item id; leave out
    the items you add nothing to. Read-only, once per list while the page renders (a topic's
    50 replies are one call): use only what ``forum_prepare_items`` prefetched (no queries)."""


@hookspec
def forum_nav_items(user: User | None) -> list[NavItem]:
    """Links for the main navigation, as seen by ``user`` (None when anonymous). Read-only,
    while a page renders."""


@hookspec
def forum_header_items(user: User | None) -> list[Markup]:
    """Small HTML pieces for the site header's menu after the links (e.g. a search box), as
    seen by ``user`` (None when anonymous). Once per page, read-only; keep them compact: on a
    phone they sit in the menu, on a desktop in one header row. A landmark needs a unique
    ``aria-label``."""


@hookspec
def forum_home_sections(viewer: User | None) -> list[Markup]:
    """Blocks shown on the home page, in plugin order (the boards first), as ``viewer`` (None
    for a visitor) sees them. Read-only."""


@hookspec
def forum_profile_sections(user: User, viewer: User | None) -> list[Markup]:
    """Blocks shown on ``user``'s profile page as ``viewer`` sees it. Read-only."""


@hookspec
def forum_usage_event(user: User, function: str) -> None:
    """A member used a function (``sign_in``, ``react``, ``read_profiles``, ``funcan``, ...).

    The research plugin records it for members who consented. Reported by the core in one
    place (``forum.core.usage``): sign-in once per day for any authenticated request, and each
    action a content type declares in ``ContentType.usage``. In the request, after the
    member's change is saved; implementations must be cheap, may commit their own row, and
    must not write more than once per member, function and day.
    """


@hookspec(firstresult=True)
def forum_after_register(user: User) -> str | None:
    """A visitor just created the account ``user`` (saved and signed in).

    After commit; an implementation may write and commit its own rows. Return a same-site
    path to show the new member next (e.g. recovery codes shown once), or None; the first
    answer wins, with none the member goes to the home page.
    """


@hookspec
def forum_sign_in_links(user: User | None) -> list[NavItem]:
    """Extra links under the sign-in form (e.g. "Forgot your password?"); ``user`` is None
    unless a signed-in member opens the page. Read-only."""


@hookspec
def forum_account_sections(user: User) -> list[Markup]:
    """Blocks on the member's own account page (``/me/data``), above download and delete.
    Read-only."""


@hookspec
def forum_crisis_sections(user: User | None) -> list[Markup]:
    """Blocks shown at the top of the crisis page, for the signed-in ``user`` (None for a
    visitor), and of "Need help now?", which answers from the configuration alone: there
    ``user`` is always None and an implementation must not touch the database. Must show
    nothing of any other member. Read-only."""


@hookspec
def forum_nudge(user: User, content_type: str, outcome: str) -> None:
    """A rephrase nudge happened: ``outcome`` is ``shown`` (the author saw their text again
    with a gentle reason, nothing saved), ``edited`` (they changed it and it was saved) or
    ``sent_as_is`` (they sent it unchanged for review). In the request; implementations count
    it and may commit their own row (no member text)."""


@hookspec
def forum_member_export(user: User) -> dict[str, Any]:
    """Return this plugin's data about ``user`` for the member's own data export
    (``{"section": ...}``, JSON-able). Read-only."""


@hookspec(firstresult=True)
def forum_access_refusal(user: User, action: str) -> str | None:
    """Why ``user`` may not do ``action`` now, in words shown to them, or None to allow.

    ``action`` is ``"sign_in"`` (asked at sign-in and on every signed-in request: a refusal
    signs the member out) or ``"write"`` (asked by ``submit`` and by views that react: a
    refusal saves nothing). ``firstresult``: the first refusal wins. Read-only, in the request;
    keep it to one indexed query.
    """


@hookspec(firstresult=True)
def forum_redeem_invite(code: str, user: User) -> bool | str | None:
    """Registration by invitation (``[community] registration = "invite"``): use ``code`` for
    the new ``user``. Return True when the code was valid and is now used, or a message for the
    form ("This code has expired."). In the transaction: ``user`` is flushed; add rows, never
    commit (a refusal rolls the account back). No answer refuses every code.
    """


@hookspec
def forum_member_delete(user: User) -> None:
    """Delete this plugin's data about ``user`` (the member deletes their account).

    In the transaction of the deletion, before the member's items and account go: delete
    with ``db.session``, never commit (the deletion is one transaction: all or nothing; a
    commit here raises ``RuntimeError``). Delete only what is the member's own: other
    members' replies to their posts stay (``[community] replies_to_deleted``). After the
    commit, ``forum_after_delete`` runs for each of their public items, every implementation
    even if one fails, on copies of the items (the rows are gone: read the attributes, don't
    reload them); items kept as placeholders get ``forum_after_update``.
    """


@hookspec
def forum_demo_content(users: dict[str, User], settings: dict[str, dict[str, Any]]) -> None:
    """Add sample content for ``forum demo`` (``users`` maps demo names to members).

    Use the normal paths (``submit``) so the demo shows what members would see. Called by
    ``forum demo`` in plugin order (``trylast`` to come after others' samples); commit.
    """


@hookspec
def forum_after_restore(app: Flask) -> None:
    """The database was replaced from a backup (``forum restore``) and upgraded.

    Rebuild what the plugin derives from the database and keeps elsewhere (an index, a cache),
    inside an app context. Called once per plugin, after every migration ran.
    """


@hookspec
def forum_hidden_authors(viewer: User) -> set[int] | None:
    """Ids of members whose items ``viewer`` must not see (muted, blocked, or who blocked them).

    The answers are unioned and applied in one place, ``visible_to`` / ``public_only`` /
    ``can_see`` (so every page, feed, count and search honours them); moderators' review of held
    items is never filtered. Read-only; called at most once per request (the core caches it).
    """


@hookspec
def forum_session_facts() -> dict[str, Any] | None:
    """Facts about the signed-in member, loaded with them in the one statement every signed-in
    request runs: name (prefixed with the plugin's) -> a SQL expression correlated on
    ``User.id``, such as ``exists().where(Sanction.user_id == User.id)``.

    Read one with ``session_fact(user, name)``; it answers None when ``user`` was not loaded
    from this request's session, and then the plugin looks it up itself. Called once per app.
    """


@hookspec
def forum_author_badge(author: User) -> Markup | None:
    """A badge shown after the author's name in every byline (a role, a training note).

    Read-only, once per byline while the page renders: cache what you load once per request
    (one query per page, not per item). The core itself marks moderators and hosts.
    """


@hookspec
def forum_item_bodies(items: list[Item], viewer: User | None,
                      bodies: dict[int, Markup]) -> dict[int, Markup] | None:
    """Wrap rendered bodies (``bodies``: item id -> HTML; also search snippets), e.g. behind a
    content warning: return the wrapped ones by id, leave out the rest. The first plugin to
    wrap a body wins. Read-only, once per list of items: use what ``forum_prepare_items``
    prefetched."""


@hookspec
def forum_compose_fields(content_type: str, item: Item | None) -> Markup | None:
    """Extra fields for the compose form of ``content_type`` (``item`` is None when new).

    Read the posted values from ``request.form`` to keep them when the form comes back with
    errors. Read-only, while the form renders.
    """


@hookspec
def forum_compose_errors(content_type: str, item: Item | None) -> list[str] | None:
    """Check the posted extra fields (``request.form``); messages stop the save (the form comes
    back with the member's text kept). Read-only, before screening."""


@hookspec
def forum_compose_saved(item: Item) -> None:
    """The compose form of ``item`` was saved: store the extra fields (``request.form``).

    After commit of the item; write and commit your own rows.
    """


@hookspec
def forum_audit_actions() -> dict[str, str] | None:
    """What the audit log calls the actions you record with ``audit(actor, action, ...)``:
    action code -> name for people (``lazy_gettext``), e.g. ``{"auto_hide": _l("Hidden after
    reports")}``. The log shows an action nobody names as its code."""
