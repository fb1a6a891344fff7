"""Mute and block: a member stops seeing another member's items, or also stops being seen.

Muting hides the other member's items, replies and search results from the member who muted;
blocking also hides the blocker's items from the blocked member, so they can neither read,
reply to nor react to them (the core answers 404, as for an item that does not exist). The other
member is never told. Moderators and hosts can be neither muted nor blocked (their messages keep
members safe), and their own view is never filtered (they review everything).

Adds: ``forum_hidden_authors`` (the core applies it to every page, feed, count and search), the
mute / block buttons on member pages, ``/muted`` (the member's list, to undo), the rows in the
member's data export (only whom they muted; never who muted them), deletion with the account.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template
from markupsafe import Markup
from sqlalchemy import delete, or_, select

from forum.core.api import User, db, hookimpl

from . import views
from .models import Mute


@hookimpl
def forum_configure(app: Flask) -> None:
    app.register_blueprint(views.bp)


@hookimpl
def forum_hidden_authors(viewer: User) -> set[int]:
    if viewer.is_moderator:
        return set()
    mine = select(Mute.target_id).where(Mute.owner_id == viewer.id)
    blocked_me = select(Mute.owner_id).where(Mute.target_id == viewer.id, Mute.kind == "block")
    # One query; staff are never hidden, even if muted before they became staff.
    return set(db.session.scalars(
        select(User.id).where(or_(User.id.in_(mine), User.id.in_(blocked_me)),
                              User.role == "member")))


@hookimpl
def forum_profile_sections(user: User, viewer: User | None) -> list[Markup]:
    if viewer is None:
        return []
    if viewer.id == user.id:
        return [Markup(render_template("mute/_own_profile.html"))]
    if not views.can_mute(viewer, user):
        return []
    return [Markup(render_template("mute/_buttons.html", member=user, kind=views.kind_of(viewer, user)))]


@hookimpl
def forum_member_export(user: User) -> dict[str, Any]:
    rows = db.session.execute(select(User.username, Mute.kind, Mute.created_at)
                              .join(User, User.id == Mute.target_id).where(Mute.owner_id == user.id))
    return {"muted": [{"member": name, "kind": kind, "since": at.isoformat()} for name, kind, at in rows]}


@hookimpl
def forum_member_delete(user: User) -> None:
    db.session.execute(delete(Mute).where(or_(Mute.owner_id == user.id, Mute.target_id == user.id)))
