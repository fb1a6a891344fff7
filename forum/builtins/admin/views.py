"""The administration pages (``/admin``): boards, members, registration, configuration.

Hosts see everything; moderators see members and their sanctions (to warn, silence, suspend,
lift). Every change goes through ``actions`` (one audit entry each).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy import func, select

from forum.core.api import (
    Board,
    User,
    add_form_error,
    config_source,
    db,
    form_page,
    moderator_required,
    paginate,
    registration_mode,
    role_required,
    settings,
    username_key,
    utcnow,
    viewer,
)

from .actions import (
    ActionError,
    all_invites,
    create_board,
    create_invite,
    history,
    lift,
    may_sanction,
    reorder_board,
    revoke_code,
    sanction,
    set_archived,
    set_role,
    update_board,
)
from .config_view import redacted_settings
from .forms import ROLE_CHOICES, BoardForm, InviteForm, LiftForm, RoleForm, SanctionForm
from .models import InviteCode, Sanction

bp = Blueprint("admin", __name__, url_prefix="/admin")
host_required = role_required("host")


def _get_or_404(model: type, row_id: int) -> Any:
    row = db.session.get(model, row_id)
    if row is None:
        abort(404)
    return row


def _checked_post() -> None:
    """One-button forms (move, archive, lift) carry only the CSRF token."""
    if not FlaskForm().validate_on_submit():
        abort(400)


@bp.route("/")
@host_required
def index() -> str:
    return render_template("admin/index.html", mode=registration_mode())


# Boards

@bp.route("/boards", methods=["GET", "POST"])
@host_required
def boards() -> Any:
    form = BoardForm()
    if form.validate_on_submit():
        try:
            board = create_board(viewer(), form.title.data, form.slug.data or "",
                                         form.description.data or "", form.moderation.data,
                                         form.topic_starters.data)
        except ActionError as error:
            add_form_error(form, [error.message])
        else:
            flash(_("Board '%(title)s' created.", title=board.title), "success")
            return redirect(url_for("admin.boards"))
    rows = list(db.session.scalars(select(Board).order_by(Board.position, Board.title)))
    return form_page("admin/boards.html", form, boards=rows)


@bp.route("/boards/<int:board_id>", methods=["GET", "POST"])
@host_required
def board(board_id: int) -> Any:
    row = _get_or_404(Board, board_id)
    form = BoardForm(obj=row)
    if form.validate_on_submit():
        try:
            update_board(viewer(), row, title=form.title.data, slug=form.slug.data or row.slug,
                                 description=form.description.data or "",
                                 moderation=form.moderation.data,
                                 topic_starters=form.topic_starters.data)
        except ActionError as error:
            db.session.rollback()
            add_form_error(form, [error.message])
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("admin.boards"))
    return form_page("admin/board.html", form, board=row)


@bp.route("/boards/<int:board_id>/move", methods=["POST"])
@host_required
def move_board(board_id: int) -> Any:
    _checked_post()
    step = {"up": -1, "down": 1}.get(request.form.get("direction", ""))
    if step is None:
        abort(400)
    reorder_board(viewer(), _get_or_404(Board, board_id), step)
    return redirect(url_for("admin.boards"))


@bp.route("/boards/<int:board_id>/archive", methods=["POST"])
@host_required
def archive_board(board_id: int) -> Any:
    _checked_post()
    row = _get_or_404(Board, board_id)
    set_archived(viewer(), row, not row.archived)
    flash(_("Board '%(title)s' archived.", title=row.title) if row.archived
          else _("Board '%(title)s' is open again.", title=row.title), "success")
    return redirect(url_for("admin.boards"))


# Members

@bp.route("/members")
@moderator_required
def members() -> str:
    query = request.args.get("q", "").strip()[:40]
    statement = select(User).order_by(User.username_key)
    if query:  # the same key as sign-in: case- and width-insensitive ("ＡＯＩ" finds "aoi")
        statement = statement.where(User.username_key.contains(username_key(query), autoescape=True))
    page = paginate(statement, per_page=50)
    in_force = _sanction_kinds([member.id for member in page.items])
    return render_template("admin/members.html", page=page, query=query, in_force=in_force)


def _sanction_kinds(member_ids: list[int]) -> dict[int, set[str]]:
    """Silence and suspension in force per member on a page, in one query."""
    found: dict[int, set[str]] = {}
    if not member_ids:
        return found
    now = utcnow()
    rows = db.session.execute(select(Sanction.user_id, Sanction.kind).where(
        Sanction.user_id.in_(member_ids), Sanction.lifted_at.is_(None), Sanction.kind != "warn",
        (Sanction.until.is_(None)) | (Sanction.until > now)))
    for user_id, kind in rows:
        found.setdefault(user_id, set()).add(kind)
    return found


@bp.route("/members/<int:user_id>")
@moderator_required
def member(user_id: int) -> Any:
    return _member_page(_get_or_404(User, user_id))


def _member_page(member: User, role_form: RoleForm | None = None,
                 sanction_form: SanctionForm | None = None, status: int = 200) -> Any:
    page = render_template(
        "admin/member.html", member=member, history=history(member),
        role_form=role_form or RoleForm(role=member.role),
        sanction_form=sanction_form or SanctionForm(), lift_form=LiftForm(),
        may_sanction=may_sanction(viewer(), member), now=utcnow())
    return page, status


@bp.route("/members/<int:user_id>/role", methods=["POST"])
@host_required
def member_role(user_id: int) -> Any:
    member = _get_or_404(User, user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        return _member_page(member, role_form=form, status=422)
    try:
        set_role(viewer(), member, form.role.data)
    except ActionError as error:
        add_form_error(form, [error.message])
        return _member_page(member, role_form=form, status=error.status)
    flash(_("%(name)s is now: %(role)s.", name=member.username, role=_role_name(member.role)),
          "success")
    return redirect(url_for("admin.member", user_id=member.id))


def _role_name(role: str) -> str:
    return next(str(choice.label) for choice in ROLE_CHOICES if choice.value == role)


@bp.route("/members/<int:user_id>/sanctions", methods=["POST"])
@moderator_required
def member_sanction(user_id: int) -> Any:
    member = _get_or_404(User, user_id)
    if not may_sanction(viewer(), member):
        abort(403)
    form = SanctionForm()
    if not form.validate_on_submit():
        return _member_page(member, sanction_form=form, status=422)
    try:
        sanction(viewer(), member, form.kind.data, form.reason.data,
                         int(form.days.data) or None)
    except ActionError as error:
        add_form_error(form, [error.message])
        return _member_page(member, sanction_form=form, status=error.status)
    flash(_("Done. The member will see your reason."), "success")
    return redirect(url_for("admin.member", user_id=member.id))


@bp.route("/sanctions/<int:sanction_id>/lift", methods=["POST"])
@moderator_required
def lift_sanction(sanction_id: int) -> Any:
    entry = _get_or_404(Sanction, sanction_id)
    if not may_sanction(viewer(), entry.user):
        abort(403)
    form = LiftForm()
    if not form.validate_on_submit():
        abort(400)
    lift(viewer(), entry, form.reason.data or "")
    flash(_("Lifted."), "success")
    return redirect(url_for("admin.member", user_id=entry.user_id))


# Registration

@bp.route("/registration", methods=["GET", "POST"])
@host_required
def registration() -> Any:
    form = InviteForm()
    new_code = None
    if form.validate_on_submit():
        try:
            _invite, new_code = create_invite(viewer(), form.label.data, form.max_uses.data,
                                                      form.days.data)
        except ActionError as error:
            add_form_error(form, [error.message])
        else:
            form = InviteForm(formdata=None)
    counts = dict(db.session.execute(select(User.role, func.count()).group_by(User.role)).all())
    body, status = form_page("admin/registration.html", form, mode=registration_mode(),
                             invites=all_invites(), new_code=new_code, counts=counts,
                             now=utcnow())
    # The code is shown once: never keep this page in a cache or the history.
    return body, status, {"Cache-Control": "no-store"}


@bp.route("/invites/<int:invite_id>/revoke", methods=["POST"])
@host_required
def revoke_invite(invite_id: int) -> Any:
    _checked_post()
    revoke_code(viewer(), _get_or_404(InviteCode, invite_id))
    flash(_("The code can no longer be used."), "success")
    return redirect(url_for("admin.registration"))


# Configuration

@bp.route("/config")
@host_required
def config() -> str:
    return render_template("admin/config.html", source=config_source(),
                           tables=redacted_settings(settings()))
