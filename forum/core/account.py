"""A member's own data: download all of it, or delete the account and everything in it."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import delete, select
from wtforms import PasswordField, SelectChoice, SelectField
from wtforms.validators import DataRequired

from .auth import login_required
from .extensions import db
from .forms import form_page
from .models import Item, User
from .publishing import audit
from .state import hook, settings
from .templating import time_zone_names

bp = Blueprint("account", __name__, url_prefix="/me")


class DeleteAccountForm(FlaskForm):
    password = PasswordField(_l("Your password"),
                             validators=[DataRequired(_l("Enter your password to confirm."))])


class TimeZoneForm(FlaskForm):
    timezone = SelectField(_l("Your time zone"),
                           description=_l("Dates and times on every page are shown in this zone."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        community_zone = settings()["community"].get("timezone", "UTC")
        self.timezone.choices = [SelectChoice("", _("The community's zone (%(zone)s)", zone=community_zone)),
                                 *(SelectChoice(name, name) for name in time_zone_names())]


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


def delete_member(user: User) -> None:
    """Remove the member, their items (with replies to them) and reactions; audit without PII."""
    public_items = list(db.session.scalars(
        select(Item).where(Item.author_id == user.id, Item.status == "published")))
    hook().forum_member_delete(user=user)
    audit(None, "delete_account", user)
    db.session.execute(delete(Item).where(Item.author_id == user.id, Item.parent_id.is_not(None)))
    db.session.execute(delete(Item).where(Item.author_id == user.id))
    db.session.delete(user)
    db.session.commit()
    for item in public_items:
        hook().forum_after_delete(item=item)


@bp.route("/delete", methods=["POST"])
@login_required
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
