"""Reply routes: write, edit, and the permalink of one reply."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, redirect, render_template
from flask_babel import gettext as _
from flask_login import current_user

from forum.core.api import (
    Item,
    finish_submission,
    get_own_or_404,
    get_visible_or_404,
    item_url,
    limiter,
    login_required,
    readable,
    record_use,
    submit_form,
    tell_write_refusal,
    viewer,
    write_limit,
)

from . import REPLY_TYPE, accepts_replies
from .forms import ReplyForm

bp = Blueprint("comments", __name__)



@bp.route("/items/<int:item_id>/replies", methods=["POST"])
@login_required
@limiter.limit(write_limit)
def create(item_id: int) -> Any:
    parent = get_visible_or_404(item_id, current_user)
    if not accepts_replies(parent):
        # Enforced here, not only hidden in the page: reaction-only types take no free text.
        abort(403, _("This kind of post accepts reactions only, not written replies."))
    if not parent.is_public or parent.type == REPLY_TYPE:
        abort(403, _("You can reply once this post is published."))
    form = ReplyForm()
    if form.validate_on_submit():
        reply = Item(type=REPLY_TYPE, author=current_user, parent_id=parent.id,
                     board_id=parent.board_id, visibility="community")
        submission = submit_form(form, reply, {"body": form.body.data}, is_new=True)  # once per form
        if submission is not None:  # the topic moved up in the same commit (forum_after_screen)
            record_use(current_user, parent.type, "write")  # replying uses the parent's function
            return finish_submission(submission, f"{item_url(parent)}#item-{submission.item.id}")
    return render_template("comments/reply_form.html", form=form, parent=parent), 422


@bp.route("/replies/<int:item_id>")
@readable  # a visitor to a members-only community learns nothing, not even that it exists
def show(item_id: int) -> Any:
    reply = get_visible_or_404(item_id, viewer(), REPLY_TYPE)
    parent = get_visible_or_404(reply.parent_id or 0, viewer())
    return redirect(f"{item_url(parent)}#item-{reply.id}")


@bp.route("/replies/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
@limiter.limit(write_limit, methods=["POST"])
def edit(item_id: int) -> Any:
    reply = get_own_or_404(item_id, current_user, REPLY_TYPE)
    parent = get_visible_or_404(reply.parent_id or 0, current_user)
    form = ReplyForm(obj=reply)
    if form.validate_on_submit():
        submission = submit_form(form, reply, {"body": form.body.data}, is_new=False)
        if submission is not None:
            return finish_submission(submission, f"{item_url(parent)}#item-{reply.id}")
    status = 422 if form.errors or form.form_errors else 200
    tell_write_refusal()
    return render_template("comments/reply_form.html", form=form, parent=parent, editing=reply), status
