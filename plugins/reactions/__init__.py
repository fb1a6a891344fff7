"""Fixed reactions (U2plus): members answer an entry only with a few supportive buttons.

The host's [reactions] table maps a content type to the reactions it accepts, e.g.
``funcan = ["like", "great", "interesting", "want_to_do"]``. Such a type takes no free text:
this policy says ``comments=False``, so no reply form exists and the server refuses replies.

Adds: the [reactions] config table (checked at start-up), the reaction policy for each type
it names, ``POST /items/<id>/reactions/<kind>`` (toggle), the buttons under each item, the
member's reactions in their data export (deleted with the account), and demo reactions.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from markupsafe import Markup
from sqlalchemy import delete, select

from forum.core.api import (
    Item,
    ReactionPolicy,
    Section,
    Setting,
    User,
    config_source,
    content_types,
    db,
    hookimpl,
)

from . import (
    hookspecs,  # noqa: F401  (the core adds the hooks this plugin declares)
    views,
)
from .demo import add_demo_reactions
from .models import Reaction
from .vocabulary import KINDS, check_reaction_table


@hookimpl
def forum_settings_schema() -> dict[str, Section]:
    return {"reactions": Section(any_key=Setting(
        list, [], f"reactions a content type accepts, from: {', '.join(KINDS)}"))}


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    check_reaction_table(settings["reactions"], content_types(), config_source())
    app.register_blueprint(views.bp)


@hookimpl
def forum_reaction_policy(content_type: str, settings: dict[str, dict[str, Any]]) -> ReactionPolicy | None:
    kinds = settings.get("reactions", {}).get(content_type)
    return ReactionPolicy(reactions=tuple(kinds), comments=False) if kinds else None


@hookimpl
def forum_prepare_items(items: list[Item], viewer: User | None) -> None:
    views.prepare(items, viewer)


@hookimpl
def forum_item_footers(items: list[Item], viewer: User | None) -> dict[int, Markup]:
    return views.footers(items, viewer)



@hookimpl
def forum_member_export(user: User) -> dict[str, Any]:
    given = db.session.scalars(select(Reaction).where(Reaction.user_id == user.id).order_by(Reaction.id))
    return {"reactions_given": [{"item": r.item_id, "kind": r.kind} for r in given]}


@hookimpl
def forum_member_delete(user: User) -> None:
    db.session.execute(delete(Reaction).where(Reaction.user_id == user.id))


@hookimpl(trylast=True)  # after the content plugins' samples
def forum_demo_content(users: dict[str, User], settings: dict[str, dict[str, Any]]) -> None:
    add_demo_reactions(users)
