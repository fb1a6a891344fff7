"""Formulation pages: community feed, my formulations, one formulation, write and edit."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from forum.core.api import (
    Item,
    add_form_error,
    finish_submission,
    form_page,
    get_own_or_404,
    get_visible_or_404,
    limiter,
    list_page,
    login_required,
    members_only,
    prepare_items,
    public_only,
    record_usage,
    submit,
    viewer,
    visible_to,
    write_limit,
)

from . import CONTENT_TYPE
from .cycle import Drawing, layout
from .forms import PARTS, FormulationForm

bp = Blueprint("formulation", __name__, url_prefix="/formulations")
PER_PAGE = 10  # each card carries a drawing


def part_labels() -> dict[str, str]:
    return {"situation": _("Situation"), "thoughts": _("Thoughts"), "feelings": _("Feelings"),
            "sensations": _("Body"), "behaviour": _("Behaviour")}


def drawing_of(item: Item) -> Drawing:
    data = item.data or {}
    return layout({key: str(data.get(key, "")) for key in PARTS}, part_labels())


bp.before_request(members_only)


@bp.before_request
def count_use() -> None:
    """Opening any of these pages counts as using the function (usage measurement)."""
    record_usage(viewer(), CONTENT_TYPE)


def _render_list(view: str, *conditions: Any) -> str:
    page = list_page(CONTENT_TYPE, *conditions, per_page=PER_PAGE)
    return render_template("formulation/list.html", page=page, view=view, endpoint=request.endpoint,
                           drawing_of=drawing_of, labels=part_labels(), parts=PARTS)


@bp.route("/")
def feed() -> str:
    return _render_list("community", public_only())


@bp.route("/mine")
@login_required
def mine() -> str:
    return _render_list("mine", Item.author_id == current_user.id, visible_to(current_user))


@bp.route("/<int:item_id>")
def view(item_id: int) -> str:
    formulation = get_visible_or_404(item_id, viewer(), CONTENT_TYPE)
    prepare_items([formulation], viewer())
    return render_template("formulation/view.html", formulation=formulation,
                           drawing=drawing_of(formulation), labels=part_labels(), parts=PARTS)


@bp.route("/new", methods=["GET", "POST"])
@login_required
@limiter.limit(write_limit, methods=["POST"])
def new() -> Any:
    return _form_page(FormulationForm(), None)


@bp.route("/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
@limiter.limit(write_limit, methods=["POST"])
def edit(item_id: int) -> Any:
    formulation = get_own_or_404(item_id, current_user, CONTENT_TYPE)
    initial = {**(formulation.data or {}), "visibility": formulation.visibility}
    return _form_page(FormulationForm(data=initial if request.method == "GET" else None), formulation)


def _form_page(form: FormulationForm, formulation: Item | None) -> Any:
    """The form; a valid post is screened and saved (a blocked text comes back with the reason)."""
    if form.validate_on_submit():
        item = formulation or Item(type=CONTENT_TYPE, author=current_user, data={})
        item.visibility = form.visibility.data
        submission = submit(item, form.texts(), is_new=formulation is None)
        if submission.saved:
            return finish_submission(submission, url_for(".view", item_id=item.id))
        add_form_error(form, submission.blocked_messages)
    return form_page("formulation/form.html", form, editing=formulation)
