"""The one path member text takes to the page: screen, decide status, save, announce."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, replace
from typing import Any

from flask import (
    Response,
    flash,
    g,
    has_request_context,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .extensions import db
from .models import AuditEvent, Board, Item, User, utcnow
from .state import forum_state, hook, settings
from .types import Action, ContentType, ScreenContext, ScreenResult, Verdict

CENSOR_MARK = "■"
SAVED = "forum_saved_url"  # g key: the page of what this request saved (see errors.py)

log = logging.getLogger(__name__)
NUDGE_FIELD = "nudge_confirm"  # the hidden field of a re-shown form: the digest of the nudged texts


def screen_texts(
    texts: dict[str, str], user: User | None, content_type: str, item: Item | None = None
) -> ScreenResult:
    """Run every ``forum_screen`` rule on every non-empty field."""
    language = settings()["community"]["language"]
    verdicts: list[Verdict] = []
    for field, text in texts.items():
        if not text:
            continue
        context = ScreenContext(user, content_type, field, language, item)
        for found in hook().forum_screen(text=text, context=context):
            verdicts.extend(replace(verdict, field=field) for verdict in found or ())
    return ScreenResult(verdicts, _censor(texts, verdicts))


def _censor(texts: dict[str, str], verdicts: list[Verdict]) -> dict[str, str]:
    censored = dict(texts)
    for verdict in verdicts:
        if verdict.action is not Action.CENSOR or verdict.field not in censored:
            continue
        for term in verdict.censor_terms:
            censored[verdict.field] = censored[verdict.field].replace(term, CENSOR_MARK * len(term))
    return censored


def moderation_mode(board: Board | None) -> str:
    """The mode that decides publishing: the board's own override, else the community's."""
    if board is not None and board.moderation:
        return board.moderation
    return settings()["community"]["moderation"]


def may_start_topic(user: User | None, board: Board) -> bool:
    """Who may open a topic on ``board``: members (the default) or only moderators and hosts;
    nobody on an archived board."""
    if user is None or board.archived:
        return False
    return board.topic_starters != "moderators" or user.is_moderator


def write_refusal(user: User | None) -> str | None:
    """Why ``user`` may not post or react now (e.g. silenced, with the reason), or None.

    The one gate for everything others would see: ``submit`` asks it for shared items, and so
    must any view that changes what others see without member text (reactions)."""
    if user is None:
        return None
    return hook().forum_access_refusal(user=user, action="write")


def decide_status(item: Item, result: ScreenResult) -> str:
    """Status from the moderation mode (the board's, else the community's) and the most severe verdict."""
    if item.visibility == "private":
        return "published"  # seen by the author only; screened again when shared
    board = item.board or (db.session.get(Board, item.board_id) if item.board_id else None)
    mode = moderation_mode(board)
    if mode == "post":
        return "published"
    author = item.author or db.session.get(User, item.author_id)
    if mode == "pre" and not (author and author.is_moderator):
        return "held"
    return "held" if result.action >= Action.HOLD else "published"


def item_texts(item: Item) -> dict[str, str]:
    """The member-written text fields of an item, as screening sees them."""
    texts = {"title": item.title or "", "body": item.body}
    texts.update({k: v for k, v in (item.data or {}).items() if isinstance(v, str)})
    return texts


def assign_texts(item: Item, texts: dict[str, str]) -> None:
    """Store text fields the one way: ``body`` rendered once to safe HTML, ``title`` as is,
    anything else in ``item.data``. (Moderators' edits use it too.)"""
    from .content import render_markdown

    data = dict(item.data or {})
    for field, text in texts.items():
        if field == "title":
            item.title = text or None
        elif field == "body":
            item.body = text
            item.body_html = render_markdown(text)
        else:
            data[field] = text
    item.data = data
    item.updated_at = utcnow()


@dataclass(frozen=True)
class Nudge:
    """What a nudged author reads above their text: the reasons, their own words that matched,
    and the digest that the re-shown form sends back (unchanged text = send it as it is)."""

    reasons: list[str]
    words: list[str]
    digest: str
    field_name: str = NUDGE_FIELD


@dataclass
class Submission:
    item: Item
    result: ScreenResult
    saved: bool
    nudge: Nudge | None = None

    @property
    def blocked_messages(self) -> list[str]:
        if self.nudge is not None:
            return [_("Before you post: some of your words may hurt someone.")]
        return self.result.member_messages or [
            _("This text can't be posted here. Please change it and try again.")
        ]


def texts_digest(texts: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(texts, sort_keys=True).encode()).hexdigest()[:32]


def _nudge_outcome(item: Item, texts: dict[str, str], result: ScreenResult) -> tuple[Nudge | None, str]:
    """Whether to show the author a nudge instead of saving, and what to count (``forum_nudge``).

    A form re-shown with a nudge carries the digest of the nudged texts: sent back unchanged,
    the author chose to send it for review as it is; changed, it is screened afresh.
    """
    if item.visibility != "community":
        return None, ""
    seen = request.form.get(NUDGE_FIELD, "") if has_request_context() else ""
    digest = texts_digest(texts)
    if seen and seen == digest:
        return None, "sent_as_is"
    nudges = result.nudges
    if not nudges:
        return None, "edited" if seen else ""
    words = list(dict.fromkeys(word for v in nudges for word in v.matched))
    nudge = Nudge(list(dict.fromkeys(v.nudge for v in nudges)), words, digest)
    g.forum_nudge = nudge
    return nudge, "" if seen else "shown"


def current_nudge() -> Nudge | None:
    """The nudge of this request, for the form's template (``screening_nudge()``)."""
    return g.get("forum_nudge")


def _count_nudge(item: Item, outcome: str) -> None:
    if outcome and item.author is not None:
        hook().forum_nudge(user=item.author, content_type=item.type, outcome=outcome)


def submit(item: Item, texts: dict[str, str], *, is_new: bool) -> Submission:
    """Screen ``texts`` (title, body, or ``item.data`` keys), save the item and fire hooks.

    A BLOCK verdict saves nothing: the caller shows ``blocked_messages`` in the form with the
    member's text still in it. Everything else is saved with the status the mode decides.
    """
    _unwrap_author(item)
    # Private entries (seen by their author only) stay open to a silenced member: silence is
    # about what others read. Sharing one comes back here with visibility "community".
    refusal = write_refusal(item.author) if item.visibility != "private" else None
    if refusal:
        if not is_new:
            db.session.rollback()
        verdict = Verdict("access", Action.BLOCK, "member may not write", member_message=refusal)
        return Submission(item, ScreenResult([verdict], texts), saved=False)
    result = screen_texts(texts, item.author, item.type, None if is_new else item)
    if result.action is Action.BLOCK:
        if not is_new:
            db.session.rollback()
        return Submission(item, result, saved=False)
    nudge, outcome = _nudge_outcome(item, texts, result)
    if nudge is not None:
        if not is_new:
            db.session.rollback()  # the view filled the item in; nothing of it is saved
        _count_nudge(item, outcome)
        return Submission(item, result, saved=False, nudge=nudge)
    was_public = not is_new and item.is_public
    if not is_new and item.status == "rejected":
        item.was_rejected = True  # rejected before the flag existed
    assign_texts(item, result.texts)
    # A rejected post edited or shared again goes back to a moderator, whatever the mode.
    shared_after_rejection = item.was_rejected and item.visibility == "community"
    item.status = "held" if shared_after_rejection else decide_status(item, result)
    now = utcnow()
    item.updated_at = item.last_activity_at = now
    if item.is_public and item.published_at is None:
        item.published_at = now
    db.session.add(item)
    db.session.flush()
    hook().forum_after_screen(item=item, result=result, is_new=is_new)
    db.session.commit()
    _count_nudge(item, outcome)
    _announce(item, was_public, is_new)
    return Submission(item, result, saved=True)


def _unwrap_author(item: Item) -> None:
    """Views pass flask-login's ``current_user`` proxy; keep the real User in the session."""
    author = item.author
    if author is not None and hasattr(author, "_get_current_object"):
        item.author = author._get_current_object()


def _announce(item: Item, was_public: bool, is_new: bool) -> None:
    remember_saved(item)
    if item.is_public and not was_public:
        after_commit("forum_after_publish", item=item)
    else:  # edits, and new items that are not public (private, held): the author sees them
        after_commit("forum_after_update", item=item)


# After the commit ---------------------------------------------------------------------------
# What a member saved is saved: work that follows (indexing, cache, notifications) may fail,
# and is logged, never turned into an error page for the member.


def after_commit(name: str, **kwargs: Any) -> None:
    """Call every implementation of the after-commit hook ``name``, each on its own.

    One that raises is logged and its half-done writes rolled back; the others still run (a
    broken cache must not keep a deleted member's posts in search). Its own retry is its
    business: search leaves the change in its outbox, jobs stay pending in their table.
    """
    manager = forum_state().manager
    impls = getattr(manager.hook, name).get_hookimpls()
    plugins = {impl.plugin for impl in impls}
    for impl in reversed(impls):  # pluggy's own order: last registered (or tryfirst) first
        only = manager.subset_hook_caller(name, remove_plugins=plugins - {impl.plugin})
        try:
            only(**kwargs)  # through pluggy, so FORUM_TRACE_HOOKS still shows the call
        except Exception:
            log.exception("%s failed in %s after the commit; the change is saved",
                          name, manager.get_name(impl.plugin))
            db.session.rollback()


def remember_saved(item: Item) -> None:
    """Note the page of what this request saved: an error later in the request sends the
    member there ("Saved.") instead of to an error page that would make them post again."""
    try:
        g.setdefault(SAVED, item_url(item))
    except Exception:  # no request, or a type without a page: nothing to send the member to
        log.debug("no page to remember for item %s", item.id)


def set_status(item: Item, status: str, moderator: User, decision: str, reason: str = "") -> None:
    """A moderator's decision on an item: new status, audit entry, hooks."""
    was_public = item.is_public
    item.status = status
    if status in ("rejected", "published"):
        item.was_rejected = status == "rejected"
    if item.is_public and item.published_at is None:
        item.published_at = utcnow()
    audit(moderator, decision, item, reason)
    db.session.commit()
    _announce(item, was_public, is_new=False)
    after_commit("forum_after_moderation", item=item, decision=decision, moderator=moderator,
                 reason=reason)


def delete_item(item: Item, actor: User, reason: str = "") -> None:
    """Soft-delete: the row stays for the audit trail; nobody sees it any more. A private
    entry deleted by its author is gone for good: its words are blanked, not kept."""
    item.status = "deleted"
    item.updated_at = utcnow()
    if item.visibility == "private" and actor.id == item.author_id:
        item.title, item.body, item.body_html, item.data = None, "", "", {}
    if actor.id != item.author_id:
        audit(actor, "delete", item, reason)
    db.session.commit()
    after_commit("forum_after_delete", item=item)


CORE_AUDIT_ACTIONS = {"delete": _l("Removed"), "create_user": _l("Account created"),
                      "delete_account": _l("Account deleted")}


def audit_action_name(action: str) -> str:
    """The audit log's name for ``action``: the core's and the plugins' (``forum_audit_actions``),
    else the code itself, so an entry of a plugin since disabled still shows."""
    names = g.get("forum_audit_actions")
    if names is None:
        names = g.forum_audit_actions = dict(CORE_AUDIT_ACTIONS)
        for answer in hook().forum_audit_actions():
            names.update(answer or {})
    return str(names.get(action, action))


def audit(actor: User | None, action: str, target: Item | User | Board | None, reason: str = "",
          **details: object) -> AuditEvent:
    """Append one entry to the audit log (added to the session; the caller commits)."""
    event = AuditEvent(
        actor_id=actor.id if actor else None,
        action=action,
        target_type=_target_type(target),
        target_id=target.id if target else None,
        reason=reason,
        details=dict(details),
    )
    db.session.add(event)
    return event


def _target_type(target: object | None) -> str:
    """An item's content type, or the kind of row in lower case ("user", "board")."""
    if target is None:
        return ""
    return target.type if isinstance(target, Item) else type(target).__name__.lower()


def finish_submission(submission: Submission, next_url: str) -> Response | str:
    """What the member sees after a save: crisis support first, then review notice, then the item."""
    if submission.result.crisis:
        return crisis_page(next_url, item=submission.item, result=submission.result)
    if submission.item.visibility == "community":
        # The rules' own words ("please don't share contact details") come first.
        for message in submission.result.member_messages:
            flash(message, "info")
    if submission.item.status == "held":
        flash(_("Thank you. Your post will appear after a moderator has read it."), "info")
    else:
        flash(_("Saved."), "success")
    return redirect(next_url)


def crisis_page(next_url: str, lead: str | None = None, item: Item | None = None,
                result: ScreenResult | None = None) -> Response:
    """Supportive words and the host's crisis resources, shown at once, at their own URL.

    ``lead`` is the first sentence, fitting what brought the member here (a post, a
    questionnaire answer); the default speaks of something they wrote. What follows for this
    ``item`` (who, if anyone, is told) comes from ``forum_crisis_followup``, never a guess.
    The words go in the session and the browser is sent to ``forum.crisis`` (Post/Redirect/Get:
    reloading the crisis page never submits the text again).
    """
    from flask_login import current_user

    if lead is None:
        lead = _("Thank you for sharing this. What you wrote tells us you may be going through "
                 "something very hard.")
    user = current_user._get_current_object() if current_user.is_authenticated else None
    followup = hook().forum_crisis_followup(user=user, item=item, result=result) or _(
        "No moderator is told about this automatically. If you need someone now, please use one "
        "of the services below.")
    session[CRISIS_KEY] = {"lead": str(lead), "followup": str(followup), "next": next_url}
    return redirect(url_for("forum.crisis"), 303)


CRISIS_KEY = "forum_crisis"


def render_crisis_page() -> str:
    """The crisis page the last ``crisis_page`` call prepared (the help page's words if none)."""
    community = settings()["community"]
    words = session.get(CRISIS_KEY) or {}
    return render_template(
        "forum/crisis.html",
        lead=words.get("lead", ""),
        followup=words.get("followup", ""),
        message=community["crisis_message"],
        resources=community["crisis_resources"],
        next_url=words.get("next") or url_for("forum.index"),
    )


def content_type_of(item: Item) -> ContentType | None:
    return forum_state().content_types.get(item.type)


def item_url(item: Item) -> str:
    """The page of an item, whatever plugin owns its type."""
    content_type = content_type_of(item)
    return content_type.url(item) if content_type else "#"


def prepare_items(items: list[Item], viewer: User | None) -> list[Item]:
    """Let plugins prefetch per-item data for a page of items (constant query count)."""
    if items:
        hook().forum_prepare_items(items=items, viewer=viewer)
    return items
