"""Pages: the review queue and its decisions, the audit log, members' reports and notices."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload
from werkzeug.wrappers import Response

from forum.core.api import (
    AuditEvent,
    Item,
    User,
    crisis_page,
    db,
    form_page,
    forum_state,
    get_visible_or_404,
    item_url,
    jobs_needing_attention,
    limiter,
    login_required,
    moderator_required,
    paginate,
    role_required,
    settings,
    utcnow,
    viewer,
    visible_to,
    write_limit,
)

from . import decisions, outreach
from .forms import (
    CheckInForm,
    ClaimForm,
    DutyForm,
    NoteForm,
    RejectForm,
    ReplyForm,
    ReportForm,
    ResolveForm,
    clock,
    edit_form,
    edited_texts,
    minutes,
)
from .health import queue_health
from .models import DEFAULT_HOURS, MemberNotice, ModerationItem, ModeratorDuty, Report
from .nudge import nudge_figures
from .queue import author_history, queue_query, record_report, reviewable_entry

bp = Blueprint("moderation", __name__, url_prefix="/moderation")

QUEUE_PAGE = 20
AUDIT_PAGE = 50
# The decisions taken with one button (and a note); "edit" has its own page.
BUTTON_DECISIONS = ("approve", "reject", "reviewed", "escalate")


def type_labels() -> dict[str, str]:
    return {name: content_type.display_label for name, content_type in forum_state().content_types.items()}


# --- review queue ------------------------------------------------------------------------------

@bp.route("/queue")
@moderator_required
def queue() -> str:
    page = paginate(queue_query(), per_page=QUEUE_PAGE)
    return render_template("moderation/queue.html", page=page, type_labels=type_labels(),
                           collapse=settings()["moderation"]["collapse_distressing"])


def _entry_or_404(entry_id: int, lock: bool = False) -> ModerationItem:
    entry = reviewable_entry(entry_id, lock=lock)
    if entry is None:
        abort(404)
    return entry


def _decision_forms() -> dict[str, FlaskForm]:
    # Prefixes keep the field ids of the forms on one page apart.
    return {name: (RejectForm if name == "reject" else NoteForm)(prefix=name) for name in BUTTON_DECISIONS}


def _entry_page(entry: ModerationItem, forms: dict[str, FlaskForm], status: int = 200,
                check_in: CheckInForm | None = None, resolve: ResolveForm | None = None) -> tuple[str, int]:
    moderator = viewer()
    history, past_decisions = author_history(entry.user, moderator)
    reports = 0
    if entry.item_id is not None:
        reports = db.session.scalar(select(func.count(Report.id)).where(Report.item_id == entry.item_id))
    return render_template(
        "moderation/entry.html", entry=entry, actions=decisions.available(entry, moderator),
        forms=forms, labels=decisions.DECISIONS, history=history, past_decisions=past_decisions,
        reports=reports, type_labels=type_labels(), claim_form=ClaimForm(prefix="claim"),
        check_in_form=check_in or CheckInForm(prefix="check_in"),
        resolve_form=resolve or ResolveForm(prefix="resolve"),
        messages=outreach.conversation(entry.user), outcomes=outreach.OUTCOME_LABELS,
        collapse=settings()["moderation"]["collapse_distressing"],
    ), status


@bp.route("/queue/<int:entry_id>")
@moderator_required
def entry(entry_id: int) -> tuple[str, int]:
    return _entry_page(_entry_or_404(entry_id), _decision_forms())


def _refuse_if_closed(entry: ModerationItem) -> Any:
    """None while the entry is open; else a redirect that says someone decided meanwhile."""
    if entry.is_open:
        return None
    flash(_("Another moderator has already decided on this entry."), "info")
    return redirect(url_for(".entry", entry_id=entry.id))


def _check_decision(entry: ModerationItem, decision: str) -> Any:
    """None if ``decision`` may go ahead; else the response that refuses it."""
    closed = _refuse_if_closed(entry)
    if closed is not None:
        return closed
    if decision not in decisions.available(entry, viewer()):
        abort(403)  # e.g. an entry escalated to the host, or no longer applicable
    return None


@bp.route("/queue/<int:entry_id>/<decision>", methods=["POST"])
@moderator_required
def decide(entry_id: int, decision: str) -> Any:
    if decision not in BUTTON_DECISIONS:
        abort(404)
    entry = _entry_or_404(entry_id, lock=True)
    refused = _check_decision(entry, decision)
    if refused is not None:
        return refused
    forms = _decision_forms()
    form = forms[decision]
    if not form.validate_on_submit():
        return _entry_page(entry, forms, 422)
    note = (form.note.data or "").strip()
    if decision == "reject":
        decisions.reject(entry, viewer(), form.message.data.strip(), note)
    else:
        one_button = {"approve": decisions.approve, "escalate": decisions.escalate,
                      "reviewed": decisions.mark_reviewed}
        one_button[decision](entry, viewer(), note)
    flash(_("Saved: %(decision)s.", decision=decisions.DECISIONS[decision]), "success")
    return redirect(url_for(".queue"))


@bp.route("/queue/<int:entry_id>/edit", methods=["GET", "POST"])
@moderator_required
def edit(entry_id: int) -> Any:
    entry = _entry_or_404(entry_id, lock=request.method == "POST")
    refused = _check_decision(entry, "edit")
    if refused is not None:
        return refused
    form = edit_form(entry.item)
    if form.validate_on_submit():
        decisions.edit(entry, viewer(), edited_texts(form), (form.message.data or "").strip(),
                       (form.note.data or "").strip())
        flash(_("Saved: %(decision)s.", decision=decisions.DECISIONS["edit"]), "success")
        return redirect(url_for(".queue"))
    return form_page("moderation/edit.html", form, entry=entry, type_labels=type_labels())


# --- outreach: claim, write to the member, resolve ----------------------------------------------

@bp.route("/queue/<int:entry_id>/claim", methods=["POST"])
@moderator_required
def claim(entry_id: int) -> Any:
    entry = _entry_or_404(entry_id, lock=True)
    closed = _refuse_if_closed(entry)  # (the CSRF token is checked for every POST)
    if closed is not None:
        return closed
    if outreach.claim(entry, viewer()):
        db.session.commit()
        flash(_("You are handling this entry; the other moderators see that."), "success")
    else:
        flash(_("%(name)s is already handling this entry.", name=entry.claimed_by.username), "info")
    return redirect(url_for(".entry", entry_id=entry.id))


@bp.route("/queue/<int:entry_id>/message", methods=["POST"])
@moderator_required
@limiter.limit(write_limit)
def write_message(entry_id: int) -> Any:
    """From any entry, open or closed: the conversation with its member continues."""
    entry = _entry_or_404(entry_id, lock=True)
    form = CheckInForm(prefix="check_in")
    if form.validate_on_submit():
        try:
            outreach.write_to_member(entry, viewer(), form.message.data.strip())
        except outreach.MessageRefused as refused:
            form.message.errors = list(refused.messages)
        else:
            flash(_("Your message was sent to %(name)s.", name=entry.user.username), "success")
            return redirect(url_for(".entry", entry_id=entry.id) + "#conversation")
    return _entry_page(entry, _decision_forms(), 422, check_in=form)


@bp.route("/queue/<int:entry_id>/resolve", methods=["POST"])
@moderator_required
def resolve(entry_id: int) -> Any:
    entry = _entry_or_404(entry_id, lock=True)
    closed = _refuse_if_closed(entry)
    if closed is not None:
        return closed
    if entry.status == "escalated" and not viewer().is_host:
        abort(403)
    form = ResolveForm(prefix="resolve")
    if not form.validate_on_submit():
        return _entry_page(entry, _decision_forms(), 422, resolve=form)
    outreach.resolve(entry, viewer(), form.outcome.data, (form.note.data or "").strip())
    flash(_("Resolved: %(outcome)s.", outcome=outreach.OUTCOME_LABELS[form.outcome.data]), "success")
    return redirect(url_for(".queue"))


@bp.route("/duty", methods=["GET", "POST"])
@moderator_required
def duty() -> Any:
    """A moderator's e-mail address and on-duty hours for alerts outside the app."""
    moderator = viewer()
    row = db.session.get(ModeratorDuty, moderator.id) or ModeratorDuty(
        user_id=moderator.id, email="", starts=DEFAULT_HOURS[0], ends=DEFAULT_HOURS[1])
    form = DutyForm(data={"email": row.email, "starts": clock(row.starts), "ends": clock(row.ends)})
    if form.validate_on_submit():
        row.email = (form.email.data or "").strip()
        row.starts, row.ends = minutes(form.starts.data), minutes(form.ends.data)
        db.session.add(row)
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for(".duty"))
    return form_page("moderation/duty.html", form, timezone=settings()["notify"]["timezone"])


@bp.route("/health")
@role_required("host")
def health() -> str:
    return render_template("moderation/health.html", health=queue_health(),
                           failed_jobs=jobs_needing_attention(), nudges=nudge_figures(utcnow()))


# --- audit log ---------------------------------------------------------------------------------

@bp.route("/audit")
@moderator_required
def audit_log() -> str:
    """Every decision, newest first. Read-only: the log is never updated or deleted."""
    page = paginate(
        select(AuditEvent).options(joinedload(AuditEvent.actor))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()),
        per_page=AUDIT_PAGE,
    )
    item_ids = [e.target_id for e in page.items if e.target_type != "user" and e.target_id]
    user_ids = [e.target_id for e in page.items if e.target_type == "user" and e.target_id]
    items = {i.id: i for i in db.session.scalars(
        select(Item).where(Item.id.in_(item_ids), visible_to(viewer())))} if item_ids else {}
    users = {u.id: u for u in db.session.scalars(
        select(User).where(User.id.in_(user_ids)))} if user_ids else {}
    return render_template("moderation/audit.html", page=page, items=items, users=users,
                           type_labels=type_labels())


# --- members: report a post, read moderators' messages -----------------------------------------

@bp.route("/report/<int:item_id>", methods=["GET", "POST"])
@login_required
@limiter.limit(write_limit, methods=["POST"])
def report(item_id: int) -> Any:
    member = viewer()
    item = get_visible_or_404(item_id, member)
    if not item.is_public or item.author_id == member.id:
        abort(404)
    already = db.session.scalar(select(Report.id).where(Report.item_id == item.id,
                                                        Report.reporter_id == member.id))
    form = ReportForm()
    if already is None and form.validate_on_submit():
        if record_report(item, member, form.category.data, (form.note.data or "").strip()):
            return _after_report(item)
        already = True
    if already is not None:
        status = 409 if form.is_submitted() else 200
        return render_template("moderation/report.html", item=item, form=None), status
    return form_page("moderation/report.html", form, item=item)


def _after_report(item: Item) -> Response:
    """Back to the post, or, when this report hid it (``hide_after_reports``), to the page it
    was on: the post itself is now a 404 for the reporter too."""
    if item.is_public:
        flash(_("Thank you for telling us. A moderator will look at this post."), "success")
        return redirect(item_url(item))
    flash(_("Thank you for telling us. The post is hidden until a moderator has looked at it."), "success")
    parent = db.session.get(Item, item.parent_id) if item.parent_id else None
    return redirect(item_url(parent) if parent is not None and parent.is_public else url_for("forum.index"))


@bp.route("/notices", methods=["GET", "POST"])
@login_required
@limiter.limit(write_limit, methods=["POST"])
def notices() -> Any:
    """Messages from moderators: notes about one's items, and the private check-in conversation."""
    member = viewer()
    form = ReplyForm(prefix="reply")
    status = 200
    if request.method == "POST":
        if not outreach.has_conversation(member):
            abort(404)
        if form.validate_on_submit():
            try:
                result = outreach.reply_from_member(member, form.message.data.strip())
            except outreach.MessageRefused as refused:
                form.message.errors = list(refused.messages)
            else:
                if result.crisis:
                    return crisis_page(url_for(".notices"), result=result)
                flash(_("Sent. Only the moderators can read it."), "success")
                return redirect(url_for(".notices") + "#conversation")
        status = 422
    page = paginate(
        select(MemberNotice).where(MemberNotice.user_id == member.id)
        .options(joinedload(MemberNotice.item))
        .order_by(MemberNotice.created_at.desc(), MemberNotice.id.desc()),
        per_page=QUEUE_PAGE,
    )
    return render_template("moderation/notices.html", page=page, messages=outreach.conversation(member),
                           form=form), status
