"""Profile pages: edit my profile, the member directory, and the section on /u/<name>."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, url_for
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select

from forum.core.api import (
    Item,
    User,
    db,
    finish_submission,
    form_page,
    limiter,
    login_required,
    paginate,
    prepare_items,
    public_only,
    record_usage,
    submit_form,
    visible_to,
    write_limit,
)

from .forms import ProfileForm, age_group_label, sex_label

bp = Blueprint("profiles", __name__)
TYPE = "profile"
PER_PAGE = 20
CHOICE_FIELDS = ("sex", "age_group", "recovery")
# Form field -> item field: the story is Markdown, rendered once on save into body_html.
TEXT_FIELDS = {"story": "body", "message": "message"}


@bp.context_processor
def profile_helpers() -> dict[str, Any]:
    return {"sex_label": sex_label, "age_group_label": age_group_label}


def profile_url(item: Item) -> str:
    return url_for("forum.profile", username=item.author.username, _anchor="profile")


def profile_of(member: User, viewer: User | None) -> Item | None:
    """The member's profile as ``viewer`` may see it (one per member)."""
    return db.session.scalar(
        select(Item).where(Item.type == TYPE, Item.author_id == member.id, visible_to(viewer))
        .order_by(Item.id).limit(1))


@bp.route("/profiles")
@login_required
def directory() -> str:
    query = select(Item).where(Item.type == TYPE, public_only()).order_by(
        Item.updated_at.desc(), Item.id.desc())
    page = paginate(query, PER_PAGE)
    prepare_items(page.items, current_user)
    record_usage(current_user, "read_profiles")
    return render_template("profiles/directory.html", page=page)


@bp.route("/profile/edit", methods=["GET", "POST"])
@login_required
@limiter.limit(write_limit, methods=["POST"])
def edit() -> Any:
    item = profile_of(current_user, current_user)
    is_new = item is None
    if item is None:
        item = Item(type=TYPE, author=current_user, visibility="community", data={})
    form = ProfileForm(data=_form_data(item))
    if form.validate_on_submit():
        item.data = {**item.data, **{field: form[field].data or "" for field in CHOICE_FIELDS}}
        texts = {target: (form[field].data or "").strip() for field, target in TEXT_FIELDS.items()}
        submission = submit_form(form, item, texts, is_new=is_new)
        if submission is not None:
            return finish_submission(submission, profile_url(item))
    return form_page("profiles/edit.html", form, profile=None if is_new else item)


def _form_data(item: Item) -> dict[str, str]:
    answers = {field: str(item.data.get(field, "")) for field in CHOICE_FIELDS}
    return {**answers, "story": item.body or "", "message": item.data.get("message", "")}


def section(member: User, viewer: User | None) -> Markup | None:
    """The profile block on a member page; members only, as the profile is for peers."""
    if viewer is None:
        return None
    item = profile_of(member, viewer)
    if item is None and viewer.id != member.id:
        return None
    if item is not None:
        prepare_items([item], viewer)
    return Markup(render_template("profiles/section.html", profile=item, member=member,
                                  **profile_helpers()))
