"""Mute, block and undo (``POST /u/<name>/mute``), and the member's list (``/muted``)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import delete, select

from forum.core.api import (
    User,
    db,
    forget_hidden_authors,
    limiter,
    login_required,
    username_key,
    viewer,
    write_limit,
)

from .models import KINDS, Mute

bp = Blueprint("mute", __name__)


def can_mute(member: User, other: User) -> bool:
    """Members mute members; staff are never hidden and never hide anyone."""
    return member.id != other.id and member.role == "member" and other.role == "member"


def kind_of(member: User, other: User) -> str | None:
    return db.session.scalar(select(Mute.kind).where(Mute.owner_id == member.id,
                                                     Mute.target_id == other.id))


def _member_or_404(username: str) -> User:
    other = db.session.scalar(select(User).where(User.username_key == username_key(username)))
    if other is None:
        abort(404)
    return other


@bp.route("/u/<username>/mute", methods=["POST"])
@login_required
@limiter.limit(write_limit)
def change(username: str) -> Any:
    other = _member_or_404(username)
    if not FlaskForm().validate_on_submit():
        abort(400)
    me = viewer()
    if not can_mute(me, other):
        abort(403, _("Moderators and hosts can't be muted or blocked, and they don't mute members. "
                     "If a moderator worries you, please tell a host."))
    kind = request.form.get("kind", "")
    if kind not in (*KINDS, "none"):
        abort(400, _("Choose mute, block or undo."))
    db.session.execute(delete(Mute).where(Mute.owner_id == me.id, Mute.target_id == other.id))
    if kind != "none":
        db.session.add(Mute(owner_id=me.id, target_id=other.id, kind=kind))
    db.session.commit()
    forget_hidden_authors()
    flash(_message(kind, other.username), "success")
    return redirect(url_for("mute.listing") if request.form.get("next") == "list"
                    else url_for("forum.profile", username=other.username))


def _message(kind: str, name: str) -> str:
    if kind == "mute":
        return _("You muted %(name)s. You won't see their posts or replies. They are not told.", name=name)
    if kind == "block":
        return _("You blocked %(name)s. You won't see each other's posts, and they can't reply to or "
                 "react to yours. They are not told.", name=name)
    return _("%(name)s is no longer muted or blocked.", name=name)


@bp.route("/muted")
@login_required
def listing() -> str:
    rows = db.session.execute(select(User, Mute.kind).join(Mute, Mute.target_id == User.id)
                              .where(Mute.owner_id == current_user.id).order_by(User.username_key))
    return render_template("mute/list.html", rows=rows.all())
