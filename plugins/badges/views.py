"""``/badges``: hosts give, change or remove members' roles."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from forum.core.api import User, audit, db, form_page, role_required, username_key, viewer

from .models import Badge
from .roles import badge_html, label, roles

bp = Blueprint("badges", __name__)


class BadgeForm(FlaskForm):
    username = StringField(_l("Member"), validators=[DataRequired(_l("Enter the member's pseudonym."))])
    role = SelectField(_l("Role"), choices=[])
    note = StringField(_l("Training note (optional)"), validators=[Length(max=200)],
                       description=_l("Shown on their page, e.g. \"Trained in peer support, 2025\"."))

    def validate_username(self, field: StringField) -> None:
        member = db.session.scalar(select(User).where(User.username_key == username_key(field.data.strip())))
        if member is None:
            raise ValidationError(_("No member has that pseudonym."))
        if member.id == viewer().id:
            raise ValidationError(_("Badges are given by another host, never to yourself."))
        self.member = member


def _form() -> BadgeForm:
    form = BadgeForm()
    form.role.choices = [(role, label(role)) for role in roles()]
    return form


@bp.route("/badges", methods=["GET", "POST"])
@role_required("host")
def manage() -> Any:
    form = _form()
    if form.validate_on_submit():
        badge = db.session.get(Badge, form.member.id) or Badge(user_id=form.member.id)
        badge.role, badge.note, badge.granted_by_id = form.role.data, form.note.data.strip(), viewer().id
        db.session.add(badge)
        audit(viewer(), "give_badge", form.member, badge.note, role=badge.role)
        db.session.commit()
        flash(_("%(name)s now shows the badge \"%(role)s\".", name=form.member.username,
                role=label(badge.role)), "success")
        return redirect(url_for("badges.manage"))
    return form_page("badges/manage.html", form, rows=_rows(), badge_html=badge_html)


@bp.route("/badges/remove", methods=["POST"])
@role_required("host")
def remove() -> Any:
    if not FlaskForm().validate_on_submit():
        return redirect(url_for("badges.manage"))
    badge = db.session.get(Badge, request.form.get("user_id", type=int) or 0)
    if badge is not None:
        member = db.session.get(User, badge.user_id)
        db.session.delete(badge)
        audit(viewer(), "remove_badge", member, role=badge.role)
        db.session.commit()
        flash(_("Badge removed."), "info")
    return redirect(url_for("badges.manage"))


def _rows() -> list[tuple[User, Badge]]:
    return [tuple(row) for row in db.session.execute(
        select(User, Badge).join(Badge, Badge.user_id == User.id).order_by(User.username_key))]
