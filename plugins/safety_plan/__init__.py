"""A personal safety plan (Stanley & Brown): the member's own steps for a hard moment.

Seven parts, each in the member's words: warning signs, coping steps I can take alone, people
and places that distract me, people I can ask for help, professionals and services to call,
making my surroundings safe, and my reasons for living. Only the member ever sees it: it has no
address but the member's own ``/me/safety-plan``, is in no feed, search, queue or export of
anyone else. It is shown at the top of the crisis page when one exists; "Need help now?" (drawn
without the database) links to it.

It is not screened: it is never shown to another person, and a plan is made of exactly the
words (warning signs, means) that would otherwise put its author on a crisis page.

Adds: ``/me/safety-plan``, a link on the member's own profile and account page, the plan in the
member's data export, its deletion with the account.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template
from markupsafe import Markup

from forum.core.api import User, hookimpl

from . import plans


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    from .views import bp

    app.register_blueprint(bp)


@hookimpl
def forum_crisis_sections(user: User | None) -> list[Markup]:
    """The member's plan on the crisis page; on "Need help now?" (no member, no database) a
    link to it, for whoever made one."""
    if user is None:
        return [Markup(render_template("safety_plan/_help_link.html"))]
    plan = plans.plan_of(user)
    if plan is None:
        return []
    return [Markup(render_template("safety_plan/_crisis.html", plan=plan, parts=plans.PARTS))]


@hookimpl
def forum_account_sections(user: User) -> list[Markup]:
    return [Markup(render_template("safety_plan/_link.html", plan=plans.plan_of(user)))]


@hookimpl
def forum_profile_sections(user: User, viewer: User | None) -> list[Markup]:
    if viewer is None or viewer.id != user.id:
        return []
    return [Markup(render_template("safety_plan/_link.html", plan=plans.plan_of(user)))]


@hookimpl
def forum_member_export(user: User) -> dict[str, Any]:
    plan = plans.plan_of(user)
    return {"safety_plan": plans.as_data(plan) if plan else None}


@hookimpl
def forum_member_delete(user: User) -> None:
    plans.delete_plan(user)
