"""Members: register, sign in, sign out, change the password, and the role checks every
protected view uses.

A session (and the remember-me cookie) carries the member's ``session_token``, never the id:
signing out, changing the password, "sign out everywhere" and deleting the account give a new
token (or none), so every cookie issued before stops working at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache, wraps
from importlib import resources
from typing import Any
from urllib.parse import unquote

from flask import Blueprint, abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import Select, bindparam, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from .extensions import db, limiter, login_manager
from .forms import add_form_error, form_page
from .models import User, username_key
from .state import forum_state, hook, settings
from .text import is_invisible, mixes_scripts, name_skeleton

bp = Blueprint("auth", __name__)

# Letters of any script (so Japanese pseudonyms work), digits, underscore, hyphen, dot.
USERNAME_PATTERN = re.compile(r"^[^\W][\w.\-]*$")
MIN_PASSWORD = 10
MIN_PASSPHRASE = 8  # three words or more may be shorter: "ねこ いぬ そら"
PASSPHRASE_WORDS = 3
MIN_LEFT_BESIDE_NAME = 6  # characters a password needs besides the pseudonym in it
# Names that would pass for the forum's own voice (compared by skeleton, digits ignored), and
# words no member name may contain.
RESERVED_NAMES = (
    "admin", "administrator", "system", "moderator", "mod", "mods", "moderators", "host", "hosts",
    "staff", "team", "official", "support", "help", "helpdesk", "security", "root", "sysop",
    "owner", "webmaster", "forum", "community", "crisis", "deleted", "deleted_member",
    "deleted_user", "anonymous", "guest", "visitor", "null", "none", "undefined", "everyone",
    "管理者", "管理人", "運営", "運営者", "運営チーム", "モデレーター", "モデレータ", "司会",
    "ホスト", "スタッフ", "公式", "システム", "事務局", "サポート", "削除済み", "退会者", "匿名",
    "ゲスト", "みんな",
)
RESERVED_WORDS = ("moderator", "administrator", "staff", "official", "モデレーター", "管理者",
                  "管理人", "運営", "スタッフ", "公式")
_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=1)
def _reserved() -> tuple[frozenset[str], tuple[str, ...]]:
    return (frozenset(name_skeleton(name) for name in RESERVED_NAMES),
            tuple(name_skeleton(word) for word in RESERVED_WORDS))


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The 10,000 most common passwords (``data/common-passwords.txt``)."""
    text = resources.files(__package__).joinpath("data/common-passwords.txt").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Checked against when no member has the name, so sign-in takes as long either way."""
    return generate_password_hash("no member has this name")


REGISTRATION_MODES = ("open", "closed", "invite")


@login_manager.user_loader
def load_user(token: str) -> User | None:
    if not token or len(token) > 64:
        return None
    names, statement = _user_by_token()
    row = db.session.execute(statement, {"token": token}).first()
    if row is None:
        return None
    user, *facts = row
    g.forum_session_facts = (user.id, dict(zip(names, facts, strict=True)))
    return user


def _user_by_token() -> tuple[list[str], Select[Any]]:
    """Built once per app: every signed-in request runs it, and building costs more than
    running. Plugins' ``forum_session_facts`` ride along, so they cost no statement of their own."""
    state = forum_state()
    if state.session_query is None:
        facts: dict[str, Any] = {}
        for answer in hook().forum_session_facts():
            facts.update(answer or {})
        statement = select(User, *(fact.label(name) for name, fact in facts.items()))
        state.session_query = (list(facts), statement.where(User.session_token == bindparam("token")))
    return state.session_query


def session_fact(user: User, name: str) -> Any | None:
    """A ``forum_session_facts`` answer, loaded with ``user`` this request; None if ``user``
    is not the member this request loaded from its session (then look it up yourself)."""
    loaded = g.get("forum_session_facts")
    if loaded is None or loaded[0] != user.id:
        return None
    return loaded[1].get(name)


def viewer() -> User | None:
    """The signed-in member as a real User (not flask-login's proxy), or None."""
    request_globals = g._get_current_object()  # one proxy lookup: a page asks some 60 times
    try:
        return request_globals.forum_viewer
    except AttributeError:
        user = current_user._get_current_object() if current_user.is_authenticated else None
        request_globals.forum_viewer = user
        return user


def write_limit() -> str:
    """The host's rate limit for posting (``[limits] write``), for ``limiter.limit``."""
    return settings()["limits"]["write"]


def access_refusal(user: User, action: str) -> str | None:
    """Why ``user`` may not ``action`` ("sign_in", "write") now, from ``forum_access_refusal``."""
    return hook().forum_access_refusal(user=user, action=action)


def sign_out_refused_members() -> Any:
    """Before each request: a member suspended while signed in is signed out, with the reason."""
    user = viewer()
    if user is None or request.endpoint in (None, "static"):
        return None
    refusal = access_refusal(user, "sign_in")
    if refusal is None:
        return None
    logout_user()
    g.pop("forum_viewer", None)
    flash(refusal, "error")
    return redirect(url_for("auth.login"))


def registration_mode() -> str:
    """``open``, ``closed`` or ``invite``: ``[community] registration``; the older
    ``registration_open = false`` still closes it."""
    community = settings()["community"]
    if not community["registration_open"]:
        return "closed"
    return community.get("registration") or "open"


def login_limit() -> str:
    """The host's limit on everything that checks a password (``[limits] login``)."""
    return settings()["limits"]["login"]


_login_limit = login_limit  # the older name, for branches written against it


def search_limit() -> str:
    """The host's limit on searches (``[limits] search``)."""
    return settings()["limits"]["search"]


def name_problem(name: str) -> str | None:
    """Why ``name`` can't be a pseudonym (its look, not whether it is taken), or None."""
    if not 3 <= len(name) <= 30:
        return _("Choose a name of 3 to 30 characters.")
    if any(is_invisible(char) for char in name) or not name_skeleton(name):
        return _("Your name contains invisible characters. Please type it again with letters "
                 "and numbers only.")
    if not USERNAME_PATTERN.match(unicodedata.normalize("NFKC", name)):  # 'ｓｏｒａ＿１' is fine
        return _("Use letters, numbers, '_', '-' or '.', starting with a letter or number.")
    if mixes_scripts(name):
        return _("Please write your name in one alphabet: letters that look alike from different "
                 "alphabets (such as Latin and Cyrillic) can't be mixed.")
    key = name_skeleton(name)
    names, words = _reserved()
    if _DIGITS.sub("", key) in names or key in names or any(word in key for word in words):
        return _("That name is kept for the community's own use. Please choose another.")
    return None


def validate_username(name: str) -> str | None:
    """Return an error message for a bad or taken pseudonym, or None."""
    problem = name_problem(name)
    if problem:
        return problem
    if db.session.scalar(select(User.id).where(User.username_key == username_key(name))):
        return _("That name is taken. Please choose another.")
    return None


def password_problem(password: str, username: str) -> str | None:
    """Why ``password`` is too easy to guess, or None."""
    words = password.split()
    if len(password) < MIN_PASSWORD and not (
            len(words) >= PASSPHRASE_WORDS and len(password) >= MIN_PASSPHRASE):
        return _("Use at least %(num)d characters, or three words or more.", num=MIN_PASSWORD)
    folded = password.casefold()
    squeezed = "".join(words).casefold()
    if len(set(folded)) < 3 or _mostly_name(folded, username) or _mostly_name(squeezed, username):
        return _("That password is too easy to guess. Please choose another.")
    if folded in common_passwords() or squeezed in common_passwords():
        return _("That password is one of the most common ones. Please choose another.")
    return None


def new_password_field(label: Any) -> Any:
    return PasswordField(
        label,
        validators=[DataRequired(_l("Choose a password.")),
                    Length(max=200, message=_l("Use at most %(num)d characters.", num=200))],
        description=_l("At least 10 characters, or three words or more. Not your pseudonym."),
    )


def _mostly_name(password: str, username: str) -> bool:
    """The pseudonym with a little around it ('aoi_sakura2024'); 'children' may contain 'ren'."""
    name = username.strip().casefold()
    return bool(name) and name in password and len(password.replace(name, "")) < MIN_LEFT_BESIDE_NAME


def repeat_password_field() -> PasswordField:
    return PasswordField(_l("Repeat password"),
                         validators=[EqualTo("password", message=_l("The passwords do not match."))])


def pseudonym_field() -> StringField:
    return StringField(_l("Pseudonym"), validators=[DataRequired(_l("Choose a pseudonym."))],
                       description=_l("Do not use your real name. 3 to 30 letters or numbers."))


class NewPasswordMixin:
    """Checks of a new password (fields ``password`` and ``confirm``, declared by each form in
    its page's order: WTForms lists fields, and so the error summary, in the order made)."""

    def pseudonym(self) -> str:
        return current_user.username if current_user.is_authenticated else ""

    def validate_password(self, field: PasswordField) -> None:
        problem = password_problem(field.data or "", self.pseudonym())
        if problem:
            raise ValidationError(problem)


class RegisterForm(NewPasswordMixin, FlaskForm):
    username = pseudonym_field()
    password = new_password_field(_l("Password"))
    confirm = repeat_password_field()

    def pseudonym(self) -> str:
        return self.username.data or ""

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


class InviteRegisterForm(RegisterForm):
    invite_code = StringField(
        _l("Invitation code"),
        validators=[DataRequired(_l("Enter the invitation code you were given."))],
        description=_l("This community is by invitation. Your clinic or host gave you a code."),
    )
    username = pseudonym_field()  # made again after the code, which the page asks for first
    password = new_password_field(_l("Password"))
    confirm = repeat_password_field()


class LoginForm(FlaskForm):
    username = StringField(_l("Pseudonym"), validators=[DataRequired(_l("Enter your pseudonym.")),
                                                        Length(max=200)])
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password.")),
                                                         Length(max=200)])
    remember = BooleanField(_l("Keep me signed in on this device"))


class ChangePasswordForm(NewPasswordMixin, FlaskForm):
    current = PasswordField(_l("Your current password"),
                            validators=[DataRequired(_l("Enter your current password."))])
    password = new_password_field(_l("New password"))
    confirm = repeat_password_field()


def sign_in(user: User, remember: bool = False) -> None:
    login_user(user, remember=remember)
    g.pop("forum_viewer", None)


def sign_out_everywhere(user: User) -> None:
    """End every session and remember-me cookie of ``user``, this one included."""
    user.rotate_session_token()
    db.session.commit()
    logout_user()
    g.pop("forum_viewer", None)


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


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"])
def register() -> Any:
    mode = registration_mode()
    if mode == "closed":
        abort(403, _("This community is not taking new members at the moment."))
    form = InviteRegisterForm() if mode == "invite" else RegisterForm()
    if form.validate_on_submit():
        user = User(username=form.username.data, username_key=username_key(form.username.data))
        user.set_password(form.password.data)
        db.session.add(user)
        try:
            db.session.flush()
            refusal = _redeem_invite(form, user)
            if refusal:
                db.session.rollback()
                form.invite_code.errors.append(refusal)
                return form_page("forum/register.html", form)
            db.session.commit()
        except IntegrityError:  # someone took the name between the check and the insert
            db.session.rollback()
            form.username.errors = [_("That name is taken. Please choose another.")]
            return form_page("forum/register.html", form)
        sign_in(user)
        flash(_("Welcome, %(name)s.", name=user.username), "success")
        return redirect(safe_next(hook().forum_after_register(user=user)))
    return form_page("forum/register.html", form)


def _redeem_invite(form: RegisterForm, user: User) -> str | None:
    if not isinstance(form, InviteRegisterForm):
        return None
    answer = hook().forum_redeem_invite(code=form.invite_code.data.strip(), user=user)
    if answer is True:
        return None
    return answer or _("That invitation code is not valid.")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"])
def login() -> Any:
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(
            select(User).where(User.username_key == username_key(form.username.data.strip()))
        )
        if user is None:
            check_password_hash(_dummy_hash(), form.password.data)
        elif user.check_password(form.password.data):
            refusal = access_refusal(user, "sign_in")
            if refusal:
                add_form_error(form, [refusal])
                return form_page("forum/login.html", form)
            sign_in(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next")))
        form.password.errors.append(_("That pseudonym and password do not match."))
    return form_page("forum/login.html", form)


@bp.route("/logout", methods=["POST"])
def logout() -> Any:
    if current_user.is_authenticated:
        sign_out_everywhere(viewer())
    flash(_("You have signed out."), "info")
    return redirect(url_for("forum.index"))


@bp.route("/me/password", methods=["GET", "POST"])
@login_required
@limiter.limit(login_limit, methods=["POST"])
def change_password() -> Any:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = viewer()
        if user.check_password(form.current.data):
            user.set_password(form.password.data)
            user.rotate_session_token()  # other devices are signed out; this one stays
            db.session.commit()
            sign_in(user)
            flash(_("Your password has been changed. You are signed out on other devices."), "success")
            return redirect(url_for("account.data"))
        form.current.errors.append(_("That password is not right."))
    return form_page("forum/password.html", form)


@bp.route("/me/sign-out-everywhere", methods=["POST"])
@login_required
def sign_out_all() -> Any:
    sign_out_everywhere(viewer())
    flash(_("You have signed out on every device."), "info")
    return redirect(url_for("auth.login"))


_UNSAFE_IN_NEXT = re.compile(r"[\x00-\x20\x7f\\]")


def safe_next(target: str | None) -> str:
    """Only same-site relative paths, so the login form can't redirect elsewhere (also when
    the browser would drop a tab or line break: '/%09/host' is '//host' to it)."""
    if target and target.startswith("/"):
        decoded = unquote(target)
        if not (decoded.startswith("//") or target.startswith("//") or _UNSAFE_IN_NEXT.search(decoded)):
            return target
    return url_for("forum.index")
