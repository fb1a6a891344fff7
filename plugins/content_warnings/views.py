"""``/warnings``: each member chooses, per warning, to show, collapse or hide."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy import delete

from forum.core.api import db, login_required, viewer

from .kinds import choices_of, kinds, label
from .models import CHOICES, DEFAULT_CHOICE, WarningChoice

bp = Blueprint("content_warnings", __name__)


@bp.route("/warnings", methods=["GET", "POST"])
@login_required
def choices() -> Any:
    member = viewer()
    if request.method == "POST":
        if not FlaskForm().validate_on_submit():
            abort(400)
        chosen = {kind: request.form.get(kind, DEFAULT_CHOICE) for kind in kinds()}
        if any(choice not in CHOICES for choice in chosen.values()):
            abort(400, _("Choose show, collapse or hide for each warning."))
        db.session.execute(delete(WarningChoice).where(WarningChoice.user_id == member.id))
        db.session.add_all(WarningChoice(user_id=member.id, kind=kind, choice=choice)
                           for kind, choice in chosen.items() if choice != DEFAULT_CHOICE)
        db.session.commit()
        flash(_("Saved. Posts with these warnings now appear as you chose."), "success")
        return redirect(url_for("content_warnings.choices"))
    current = choices_of(member)
    return render_template("content_warnings/choices.html", kinds=kinds(), label=label,
                           current={kind: current.get(kind, DEFAULT_CHOICE) for kind in kinds()})
