"""Forgot password (a pseudonym, one code, a new password), and the codes page."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from forum.core.api import User, audit, db, form_page, limiter, login_required, settings, username_key

from . import codes

bp = Blueprint("recovery_codes", __name__)
MIN_PASSWORD = 8


def _attempt_limit() -> str:
    """As many tries as signing in allows (``[limits] login``): codes can't be guessed faster."""
    return settings()["limits"]["login"]


class RecoverForm(FlaskForm):
    username = StringField(_l("Pseudonym"), validators=[DataRequired(_l("Enter your pseudonym."))])
    code = StringField(_l("Recovery code"),
                       validators=[DataRequired(_l("Enter one of your recovery codes."))],
                       description=_l("One of the ten codes you kept when you joined, e.g. 7KQ2-MZ4P-XR9D."))
    password = PasswordField(_l("New password"), validators=[
        DataRequired(_l("Choose a password.")),
        Length(min=MIN_PASSWORD, max=200, message=_l("Use at least %(num)d characters.", num=MIN_PASSWORD))])
    confirm = PasswordField(_l("Repeat new password"),
                            validators=[EqualTo("password", message=_l("The passwords do not match."))])


class NewSetForm(FlaskForm):
    current = PasswordField(_l("Your password"), validators=[DataRequired(_l("Enter your password."))])


def _member(name: str) -> User | None:
    return db.session.scalar(select(User).where(User.username_key == username_key(name.strip())))


@bp.route("/recover", methods=["GET", "POST"])
@limiter.limit(_attempt_limit, methods=["POST"])
def recover() -> Any:
    form = RecoverForm()
    if form.validate_on_submit():
        user = _member(form.username.data)
        if codes.spend(user, form.code.data):
            user.set_password(form.password.data)
            audit(None, "password_recovered", user)
            db.session.commit()
            left = codes.unused_count(user)
            flash(_("Your password is changed. You have %(num)d recovery codes left.", num=left), "success")
            return redirect(url_for("auth.login"))
        form.code.errors.append(_("That pseudonym and recovery code do not match, or the code was used."))
    return form_page("recovery_codes/recover.html", form)


@bp.route("/me/recovery-codes", methods=["GET", "POST"])
@login_required
def show() -> Any:
    """GET: the codes made at registration, once. POST (current password): a new set."""
    form = NewSetForm()
    if form.validate_on_submit():
        if current_user.check_password(form.current.data):
            return _codes_page(codes.new_set(current_user), renewed=True)
        form.current.errors.append(_("That password is not right."))
        return form_page("recovery_codes/new_set.html", form)
    if form.is_submitted():
        return form_page("recovery_codes/new_set.html", form)
    fresh = codes.take_for_showing()
    if not fresh:
        return form_page("recovery_codes/new_set.html", form)
    return _codes_page(fresh, renewed=False)


def _codes_page(fresh: list[str], renewed: bool) -> Response:
    """The codes in the clear: never kept by the browser's or a proxy's cache."""
    response = make_response(render_template("recovery_codes/codes.html", codes=fresh, renewed=renewed))
    response.headers["Cache-Control"] = "no-store"
    return response
