"""The member's notifications page, opening one, marking all read, and e-mail / quiet hours."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select, update
from wtforms import EmailField, StringField
from wtforms.validators import Length, Optional, Regexp, ValidationError

from forum.core.api import (
    Item,
    User,
    db,
    form_page,
    item_url,
    limiter,
    login_required,
    paginate,
    reaction_policy,
    safe_next,
    settings,
    utcnow,
    viewer,
    write_limit,
)

from .models import Notification, NotificationSettings

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@dataclass(frozen=True)
class Shown:
    notification: Notification
    text: str
    url: str


def _names(rows: list[Notification]) -> dict[int, str]:
    ids = {actor for row in rows for actor in row.actor_ids}
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.username).where(User.id.in_(ids))).all())


def _items(rows: list[Notification]) -> dict[int, Item]:
    ids = {i for row in rows for i in (row.item_id, row.source_id) if i}
    return {item.id: item for item in db.session.scalars(select(Item).where(Item.id.in_(ids)))} if ids else {}


def _may_name_reactors(item: Item) -> bool:
    policy = reaction_policy(item.type)
    return settings()["notifications"]["name_reactors"] or bool(policy and policy.comments)


def _title(item: Item | None) -> str:
    return (item.title or "") if item is not None else ""


DECISIONS = {"approve": _l("A moderator published your post"),
             "reject": _l("A moderator did not publish your post"),
             "edit_approve": _l("A moderator edited and published your post")}


def describe(row: Notification, items: dict[int, Item], names: dict[int, str]) -> Shown:
    item = items.get(row.item_id) if row.item_id else None
    title = _title(item)
    link = item_url(item) if item is not None else row.url
    if row.kind == "reply":
        who = names.get(row.actor_ids[0], _("Someone")) if row.actor_ids else _("Someone")
        text = _("%(name)s replied to “%(title)s”", name=who, title=title) if title else \
            _("%(name)s replied to your post", name=who)
        source = items.get(row.source_id) if row.source_id else None
        return Shown(row, text, item_url(source) if source is not None else link)
    if row.kind == "reaction":
        text = ngettext("%(num)d reaction to your post", "%(num)d reactions to your post", row.count)
        who = [names[actor] for actor in row.actor_ids if actor in names]
        if item is not None and who and _may_name_reactors(item):
            text = _("%(reactions)s, from %(names)s", reactions=text, names=", ".join(who))
        if title:
            text = _("%(reactions)s: “%(title)s”", reactions=text, title=title)
        return Shown(row, text, link)
    if row.kind == "decision":
        text = str(DECISIONS.get(row.decision, _("A moderator decided on your post")))
        if row.with_message:
            text = _("%(decision)s, with a message for you", decision=text)
            link = row.url or link
        return Shown(row, text, link)
    if row.kind == "message":
        return Shown(row, _("A moderator wrote to you about your post"), row.url or link)
    return Shown(row, _("A moderator wrote to you privately"), row.url)


@bp.route("/")
@login_required
def index() -> str:
    page = paginate(select(Notification).where(Notification.user_id == current_user.id)
                    .order_by(Notification.updated_at.desc(), Notification.id.desc()), per_page=30)
    items, names = _items(page.items), _names(page.items)
    shown = [describe(row, items, names) for row in page.items]
    return render_template("notifications/index.html", page=page, shown=shown)


@bp.route("/<int:notification_id>", methods=["POST"])
@login_required
def open_one(notification_id: int) -> Any:
    """Mark one read and go to what it is about (a POST: reading changes state)."""
    row = db.session.get(Notification, notification_id)
    if row is None or row.user_id != current_user.id:
        abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    shown = describe(row, _items([row]), _names([row]))
    row.read_at = row.read_at or utcnow()
    db.session.commit()
    return redirect(safe_next(shown.url))


@bp.route("/read", methods=["POST"])
@login_required
def read_all() -> Any:
    if not FlaskForm().validate_on_submit():
        abort(400)
    db.session.execute(update(Notification).where(Notification.user_id == current_user.id,
                                                  Notification.read_at.is_(None)).values(read_at=utcnow()))
    db.session.commit()
    flash(_("All notifications are marked read."), "success")
    return redirect(url_for(".index"))


def _clock(value: str) -> int | None:
    hours, _sep, minutes = value.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
        return None
    return int(hours) * 60 + int(minutes)


class SettingsForm(FlaskForm):
    email = EmailField(_l("E-mail address (optional)"),
                       validators=[Optional(), Length(max=200), Regexp(
                           r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                           message=_l("Enter an e-mail address such as name@example.org."))],
                       description=_l("Only for notifications; other members never see it. "
                                      "Leave empty for none."))
    quiet_start = StringField(_l("Quiet hours from"), description=_l("HH:MM, e.g. 22:00"))
    quiet_end = StringField(_l("Quiet hours until"),
                            description=_l("HH:MM, e.g. 07:00. Equal times: no quiet hours."))

    def validate_quiet_start(self, field: StringField) -> None:
        if _clock(field.data or "00:00") is None:
            raise ValidationError(_("Write the time as HH:MM, e.g. 22:00."))

    validate_quiet_end = validate_quiet_start


def _as_clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@bp.route("/settings", methods=["GET", "POST"])
@login_required
@limiter.limit(write_limit, methods=["POST"])
def preferences() -> Any:
    member = viewer()
    choice = db.session.get(NotificationSettings, member.id) or NotificationSettings(user_id=member.id)
    saved = {"email": choice.email, "quiet_start": _as_clock(choice.quiet_start or 0),
             "quiet_end": _as_clock(choice.quiet_end or 0)}
    form = SettingsForm(data=saved if request.method == "GET" else None)
    if form.validate_on_submit():
        choice.email = (form.email.data or "").strip()
        choice.quiet_start = _clock(form.quiet_start.data or "00:00") or 0
        choice.quiet_end = _clock(form.quiet_end.data or "00:00") or 0
        db.session.add(choice)
        db.session.commit()
        flash(_("Your notification settings are saved."), "success")
        return redirect(url_for(".preferences"))
    table = settings()["notifications"]
    offered = table["email"] and bool(table["smtp_host"])
    return form_page("notifications/settings.html", form, email_offered=offered, timezone=table["timezone"])
