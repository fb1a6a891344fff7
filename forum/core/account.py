"""A member's own data: download all of it, or delete the account and everything that is theirs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Blueprint, Response, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import delete, event, exists, select
from sqlalchemy.orm import Session, aliased
from wtforms import PasswordField, SelectChoice, SelectField
from wtforms.validators import DataRequired

from .auth import login_limit, login_required
from .extensions import db, limiter
from .forms import form_page
from .models import Item, User
from .publishing import after_commit, audit
from .state import hook, settings
from .templating import time_zone_names, zone_label

bp = Blueprint("account", __name__, url_prefix="/me")
Reply = aliased(Item)
NO_COMMIT = "forum_commit_forbidden"


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("Your password"),
                             validators=[DataRequired(_l("Enter your password to confirm."))])


class TimeZoneForm(FlaskForm):
    timezone = SelectField(_l("Your time zone"),
                           description=_l("Dates and times on every page are shown in this zone."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        community_zone = settings()["community"].get("timezone", "UTC")
        names = time_zone_names()
        chosen = current_user.timezone or ""
        kept = [chosen] if chosen and chosen not in names else []  # an older choice ("US/Pacific") stays
        self.timezone.choices = [SelectChoice("", _("The community's zone (%(zone)s)", zone=community_zone)),
                                 *(SelectChoice(name, zone_label(name)) for name in (*kept, *names))]


@bp.route("/data")
@login_required
def data() -> str:
    return _account_page(DeleteAccountForm())


def _account_page(form: DeleteAccountForm, zone_form: TimeZoneForm | None = None) -> Any:
    zone_form = zone_form or TimeZoneForm(timezone=current_user.timezone or "")
    return form_page("forum/account.html", form, zone_form=zone_form)


@bp.route("/timezone", methods=["POST"])
@login_required
def set_timezone() -> Any:
    zone_form = TimeZoneForm()
    if not zone_form.validate_on_submit():
        return _account_page(DeleteAccountForm(), zone_form)[0], 422
    user = db.session.get(User, current_user.id)
    user.timezone = zone_form.timezone.data
    db.session.commit()
    g.pop("forum_viewer", None)
    flash(_("Saved."), "success")
    return redirect(url_for("account.data"))


def export_member(user: User) -> dict[str, Any]:
    """Everything the forum holds about one member, as plain JSON-able data."""
    items = db.session.scalars(select(Item).where(Item.author_id == user.id).order_by(Item.id))
    exported: dict[str, Any] = {
        "member": {"username": user.username, "role": user.role, "joined": user.created_at.isoformat()},
        "items": [
            {"id": i.id, "type": i.type, "title": i.title, "text": i.body, "fields": i.data,
             "status": i.status, "visibility": i.visibility, "created": i.created_at.isoformat()}
            for i in items if i.status != "deleted"
        ],
    }
    for answer in hook().forum_member_export(user=user):
        exported.update(answer or {})
    return exported


@bp.route("/export.json")
@login_required
def export() -> Response:
    body = json.dumps(export_member(current_user), ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": "attachment; filename=my-forum-data.json"})


PLACEHOLDER_KEY = "~deleted-member"  # no registered name can start with "~"


def placeholder_member() -> User:
    """The stable author of what stays of deleted members' posts (a name nobody can register
    or sign in as: parentheses are not allowed in pseudonyms, and no password matches)."""
    found = db.session.scalar(select(User).where(User.username_key == PLACEHOLDER_KEY))
    if found is None:
        found = User(username=_("(deleted member)"), username_key=PLACEHOLDER_KEY, password_hash="!")
        db.session.add(found)
        db.session.flush()
    return found


def keep_others_replies(user: User) -> list[Item]:
    """The member's items that others answered become placeholders: the member's text and
    fields removed, the author a placeholder, the replies where they were. Returns them."""
    answered = exists().where(Reply.parent_id == Item.id, Reply.author_id != user.id)
    parents = list(db.session.scalars(select(Item).where(Item.author_id == user.id, answered)))
    if not parents:
        return []
    placeholder = placeholder_member()
    for parent in parents:
        parent.author = placeholder
        parent.title = _("A deleted member's topic") if parent.title else None
        parent.body = parent.body_html = ""
        parent.data = {key: blank(value) for key, value in (parent.data or {}).items()}
    db.session.flush()
    return parents


def blank(value: Any) -> Any:
    """A field emptied but kept in shape, so the type's page still draws."""
    if isinstance(value, str | list | dict):
        return type(value)()
    return value


@contextmanager
def commit_forbidden(reason: str) -> Iterator[None]:
    """Inside the block a commit raises: hooks that must stay in the caller's transaction."""
    db.session.info[NO_COMMIT] = reason
    try:
        yield
    finally:
        db.session.info.pop(NO_COMMIT, None)


@event.listens_for(Session, "before_commit")
def _refuse_commit(session: Session) -> None:
    if NO_COMMIT in session.info:
        raise RuntimeError(f"commit inside {session.info[NO_COMMIT]}: it runs in the caller's "
                           "transaction (see forum.core.hookspecs)")


def delete_member(user: User) -> None:
    """Remove the member and what is theirs, in one transaction; audit without PII.

    Theirs: their items, and each plugin's rows (``forum_member_delete``). Not theirs: other
    members' replies to their posts. Those stay under a placeholder (``[community]
    replies_to_deleted = "keep"``, the default) or go with the post (``"delete"``). The audit
    log is append-only: entries the member made as a moderator keep their actor id, which no
    longer names anyone. After the commit every ``forum_after_delete`` implementation runs for
    each public item (on copies: the rows are gone).
    """
    items = list(db.session.scalars(select(Item).where(Item.author_id == user.id)))
    with commit_forbidden("forum_member_delete"):
        hook().forum_member_delete(user=user)
    audit(None, "delete_account", user)
    kept = keep_others_replies(user) if settings()["community"]["replies_to_deleted"] == "keep" else []
    gone = [item for item in items if item not in kept]
    public = [item for item in gone if item.is_public]
    for item in gone:
        db.session.expunge(item)  # handed to the hooks after the commit as they were
    db.session.execute(delete(Item).where(Item.author_id == user.id, Item.parent_id.is_not(None)))
    db.session.execute(delete(Item).where(Item.author_id == user.id))
    db.session.execute(delete(User).where(User.id == user.id))
    db.session.expunge(user)
    db.session.commit()
    for item in kept:
        after_commit("forum_after_update", item=item)
    for item in public:
        after_commit("forum_after_delete", item=item)


@bp.route("/delete", methods=["POST"])
@login_required
@limiter.limit(login_limit)  # each try runs scrypt
def delete_account() -> Any:
    form = DeleteAccountForm()
    if form.validate_on_submit():
        if current_user.check_password(form.password.data):
            user = db.session.get(User, current_user.id)
            logout_user()
            g.pop("forum_viewer", None)
            delete_member(user)
            flash(_("Your account and everything you wrote have been deleted."), "info")
            return redirect(url_for("forum.index"))
        form.password.errors.append(_("That password is not right."))
    return _account_page(form)
