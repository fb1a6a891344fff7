"""Core pages: home, a member's page, help (crisis resources), and the owner actions every
content type shares (share or unshare, delete)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, send_from_directory
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .auth import login_required, safe_next, viewer, write_limit
from .errors import help_page
from .extensions import db, limiter
from .listing import readable
from .models import VISIBILITIES, Item, User, username_key
from .publishing import (
    delete_item,
    finish_submission,
    item_texts,
    item_url,
    render_crisis_page,
    submit,
)
from .state import hook
from .usage import record_usage, record_use
from .visibility import get_own_or_404

bp = Blueprint("forum", __name__)


def flatten(answers: list[list[Any] | None]) -> list[Any]:
    """One list from a hook's per-plugin lists."""
    return [entry for answer in answers for entry in answer or ()]


def viewer_sections(hook_name: str) -> list[Any]:
    """Template helper: what plugins answer to a page hook (``forum_crisis_sections``,
    ``forum_account_sections``, ``forum_sign_in_links``) for the signed-in member or None."""
    return flatten(getattr(hook(), hook_name)(user=viewer()))


@bp.route("/")
def index() -> str:
    sections = flatten(hook().forum_home_sections(viewer=viewer()))
    return render_template("forum/index.html", sections=sections)


@bp.route("/u/<username>")
@readable
def profile(username: str) -> str:
    user = db.session.scalar(select(User).where(User.username_key == username_key(username)))
    if user is None:
        abort(404)
    sections = flatten(hook().forum_profile_sections(user=user, viewer=viewer()))
    if viewer() and viewer() is not user:
        record_usage(viewer(), "read_profiles")
    return render_template("forum/profile.html", member=user, sections=sections)


@bp.route("/help")
def help_now() -> str:
    # Normally answered before the app runs (errors.HelpFirst); the same page either way.
    return help_page()


@bp.route("/crisis")
def crisis() -> str:
    return render_crisis_page()


@bp.route("/favicon.ico")
def favicon() -> Any:
    return send_from_directory(bp.root_path + "/static", "favicon.svg", mimetype="image/svg+xml",
                               max_age=86400)


@bp.route("/items/<int:item_id>/visibility", methods=["POST"])
@login_required
@limiter.limit(write_limit)
def set_visibility(item_id: int) -> Any:
    """Share an entry with the community, or make it private again (its author only)."""
    item = get_own_or_404(item_id, current_user)
    visibility = request.form.get("visibility")
    if visibility not in VISIBILITIES:
        abort(400)
    item.visibility = visibility
    # Sharing screens the text again: what was fine in private may need review in public.
    submission = submit(item, item_texts(item), is_new=False)
    if not submission.saved:
        flash(" ".join(submission.blocked_messages), "error")
        return redirect(_next_url(item))
    if item.visibility == "community":
        record_use(current_user, item.type, "share")
    return finish_submission(submission, _next_url(item))


@bp.route("/items/<int:item_id>/delete", methods=["GET", "POST"])
@login_required
def delete_own_item(item_id: int) -> Any:
    """Delete one of your own items of any type; a GET asks first (a page, no JavaScript)."""
    item = get_own_or_404(item_id, current_user)
    if request.method == "GET":
        return render_template("forum/confirm_delete.html", item=item, back=item_url(item),
                               next_url=safe_next(request.args.get("next")))
    delete_item(item, current_user)
    flash(_("Deleted."), "info")
    return redirect(safe_next(request.form.get("next")))


def _next_url(item: Item) -> str:
    return safe_next(request.form.get("next") or item_url(item))
