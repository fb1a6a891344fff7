"""Recovery codes: get back into a pseudonymous account without e-mail.

On registration a member receives ten one-time recovery codes, shown once and stored hashed
(the hashing members' passwords get). With one of them and their pseudonym they set a new
password on "Forgot your password?" (linked from sign-in, rate limited like sign-in); each code
works once. A new set (the old one stops working) is made from the account page, with the
current password.

Adds: ``/recover`` (reset), ``/me/recovery-codes`` (shown once after registration; a new set),
a section on the account page, the count of unused codes in the data export (never the codes),
their deletion with the account.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template, url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from forum.core.api import NavItem, User, hookimpl

from . import codes


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    from .views import bp

    app.register_blueprint(bp)


@hookimpl
def forum_after_register(user: User) -> str | None:
    codes.keep_for_showing(codes.new_set(user))
    return url_for("recovery_codes.show")


@hookimpl
def forum_sign_in_links(user: User | None) -> list[NavItem]:
    return [NavItem(str(_l("Forgot your password?")), url_for("recovery_codes.recover"))]


@hookimpl
def forum_account_sections(user: User) -> list[Markup]:
    from .views import NewSetForm

    return [Markup(render_template("recovery_codes/_account.html", unused=codes.unused_count(user),
                                   form=NewSetForm()))]


@hookimpl
def forum_member_export(user: User) -> dict[str, Any]:
    return {"recovery_codes": {"unused": codes.unused_count(user)}}


@hookimpl
def forum_member_delete(user: User) -> None:
    codes.delete_all(user)


@hookimpl
def forum_audit_actions() -> dict[str, str]:
    return {"recovery_codes_new": _l("New recovery codes made"),
            "password_recovered": _l("Password reset with a recovery code")}
