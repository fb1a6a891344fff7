"""Full replies (HORYZONS style) for the content types a community names in [comments] types.

Replies are items of type "reply" (parent_id = the item answered). They take the same path as
any member text (screening, moderation mode, crisis path) through ``submit``.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import update

from forum.core.api import (
    ConfigError,
    ContentType,
    Item,
    MemoryStore,
    ReactionPolicy,
    Section,
    Setting,
    User,
    config_source,
    content_types,
    db,
    hookimpl,
    prepare_items,
    reaction_policy,
    utcnow,
    write_refusal,
)

from .rendering import REPLY_FIELDS, STORE
from .threads import REPLY_TYPE, load_threads, requested_page


def accepts_replies(item: Item) -> bool:
    """Whether the community's policy for the item's type allows written replies."""
    policy = reaction_policy(item.type)
    return bool(policy and policy.comments)


@hookimpl
def forum_settings_schema() -> dict[str, Section]:
    return {"comments": Section({
        "types": Setting(list, ["discussion"], "content types that accept free-text replies", items=str),
        "max_length": Setting(int, 5000, "longest reply, in characters", minimum=1, maximum=100_000),
        "per_page": Setting(int, 50, "replies per page under a topic (oldest first, newest page linked)",
                            minimum=1, maximum=1000),
        "cache_megabytes": Setting(int, 16, "in-process memory for rendered replies, per worker",
                                   minimum=1, maximum=4096),
    })}


@hookimpl
def forum_content_types() -> list[ContentType]:
    return [ContentType(REPLY_TYPE, str(_l("Reply")), _reply_url, function="comments")]


@hookimpl
def forum_reaction_policy(content_type: str, settings: dict[str, dict[str, Any]]) -> ReactionPolicy | None:
    if content_type in settings["comments"]["types"]:
        return ReactionPolicy(comments=True)
    return None


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    from .views import bp

    known = content_types()
    for name in settings["comments"]["types"]:
        if name not in known or name == REPLY_TYPE:
            raise ConfigError(
                f"{config_source()}: [comments] types names {name!r}, which no enabled plugin provides"
                f" (known: {', '.join(sorted(known))}). Fix: remove it or enable its plugin."
            )
    app.register_blueprint(bp)
    app.extensions[STORE] = MemoryStore(settings["comments"]["cache_megabytes"] * 1024 * 1024)
    app.extensions[REPLY_FIELDS] = {}


@hookimpl
def forum_after_screen(item: Item, is_new: bool) -> None:
    """A new public reply moves its topic up the board, committed with the reply itself."""
    if is_new and item.type == REPLY_TYPE and item.is_public:
        touch_parent(item)


@hookimpl
def forum_after_moderation(item: Item) -> None:
    """An approved reply counts as activity when it appears (its own commit: after-commit)."""
    if item.type == REPLY_TYPE and item.is_public:
        touch_parent(item)
        db.session.commit()


def touch_parent(reply: Item) -> None:
    if reply.parent_id is not None:
        db.session.execute(update(Item).where(Item.id == reply.parent_id)
                           .values(last_activity_at=utcnow()))


@hookimpl
def forum_prepare_items(items: list[Item], viewer: User | None) -> None:
    """Load one page of visible replies of every commentable item on the page, in one query."""
    parents = [i for i in items if i.id and i.type != REPLY_TYPE and accepts_replies(i)]
    if not parents:
        return
    number = requested_page(parents)
    threads = load_threads(parents, viewer, number)
    if number > 1 and not threads[parents[0].id].replies:
        abort(404)  # a reply page past the end
    for parent in parents:
        parent.extras["comments"] = threads[parent.id]
    prepare_items([reply for thread in threads.values() for reply in thread.replies], viewer)


@hookimpl
def forum_item_footers(items: list[Item], viewer: User | None) -> dict[int, Markup]:
    from .rendering import thread_html

    threads = {item: thread for item in items if (thread := item.extras.get("comments")) is not None}
    # A silenced member reads why instead of a reply box (one hook call, not one per item).
    refusal = write_refusal(viewer) if threads and viewer is not None else None
    return {item.id: thread_html(item, thread, viewer, viewer is not None and item.is_public, refusal)
            for item, thread in threads.items()}


def _reply_url(item: Item) -> str:
    return url_for("comments.show", item_id=item.id)
