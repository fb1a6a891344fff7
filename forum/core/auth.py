"""Members: register, sign in, sign out, and the role checks every protected view uses."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from .extensions import db, limiter, login_manager
from .forms import form_page
from .models import User, username_key
from .state import hook, settings

bp = Blueprint("auth", __name__)

# Letters of any script (so Japanese pseudonyms work), digits, underscore, hyphen, dot.
USERNAME_PATTERN = re.compile(r"^[^\W][\w.\-]*$")
MIN_PASSWORD = 8


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


def viewer() -> User | None:
    """The signed-in member as a real User (not flask-login's proxy), or None."""
    if "forum_viewer" not in g:
        g.forum_viewer = current_user._get_current_object() if current_user.is_authenticated else None
    return g.forum_viewer


def write_limit() -> str:
    """The host's rate limit for posting (``[limits] write``), for ``limiter.limit``."""
    return settings()["limits"]["write"]


def validate_username(name: str) -> str | None:
    """Return an error message for a bad pseudonym, or None."""
    if not 3 <= len(name) <= 30:
        return _("Choose a name of 3 to 30 characters.")
    if not USERNAME_PATTERN.match(name):
        return _("Use letters, numbers, '_', '-' or '.', starting with a letter or number.")
    if db.session.scalar(select(User.id).where(User.username_key == username_key(name))):
        return _("That name is taken. Please choose another.")
    return None


class RegisterForm(FlaskForm):
    username = StringField(
        _l("Pseudonym"),
        validators=[DataRequired(_l("Choose a pseudonym."))],
        description=_l("Do not use your real name. 3 to 30 letters or numbers."),
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Choose a password.")),
                    Length(min=MIN_PASSWORD, max=200,
                           message=_l("Use at least %(num)d characters.", num=MIN_PASSWORD))],
    )
    confirm = PasswordField(
        _l("Repeat password"),
        validators=[EqualTo("password", message=_l("The passwords do not match."))],
    )

    def validate_username(self, field: StringField) -> None:
        from .publishing import screen_texts
        from .types import Action

        field.data = (field.data or "").strip()
        error = validate_username(field.data)
        if error:
            raise ValidationError(error)
        result = screen_texts({"username": field.data}, None, "user")
        if result.action >= Action.HOLD:
            raise ValidationError(_("Please choose a different pseudonym."))


class LoginForm(FlaskForm):
    username = StringField(_l("Pseudonym"), validators=[DataRequired(_l("Enter your pseudonym."))])
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password."))])
    remember = BooleanField(_l("Keep me signed in on this device"))


def _login_limit() -> str:
    return settings()["limits"]["login"]


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def register() -> Any:
    if not settings()["community"]["registration_open"]:
        abort(403)
    form = RegisterForm()
    if form.validate_on_submit():
        user = User(username=form.username.data, username_key=username_key(form.username.data))
        user.set_password(form.password.data)
        db.session.add(user)
        db.session.commit()
        login_user(user)
        g.pop("forum_viewer", None)
        flash(_("Welcome, %(name)s.", name=user.username), "success")
        return redirect(safe_next(hook().forum_after_register(user=user)))
    return form_page("forum/register.html", form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login() -> Any:
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(
            select(User).where(User.username_key == username_key(form.username.data.strip()))
        )
        if user is not None and user.check_password(form.password.data):
            login_user(user, remember=form.remember.data)
            g.pop("forum_viewer", None)
            return redirect(safe_next(request.args.get("next")))
        form.password.errors.append(_("That pseudonym and password do not match."))
    return form_page("forum/login.html", form)


@bp.route("/logout", methods=["POST"])
def logout() -> Any:
    logout_user()
    g.pop("forum_viewer", None)
    flash(_("You have signed out."), "info")
    return redirect(url_for("forum.index"))


def safe_next(target: str | None) -> str:
    """Only same-site relative paths, so the login form can't redirect elsewhere."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("forum.index")


def role_required(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Members without one of ``roles`` get 403; visitors are sent to sign in."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if roles and current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


login_required = role_required()
moderator_required = role_required("moderator", "host")
