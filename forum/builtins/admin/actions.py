"""What hosts and moderators do, one function per action, shared by the pages and the CLI.

Each action checks who may do it (the views check too), changes the rows, writes one audit
entry and commits. ``actor`` None is the host at the console (``forum boards add ...``).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from datetime import timedelta
from functools import cache
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, bindparam, func, select

from forum.core.api import (
    MODERATION_MODES,
    ROLES,
    TOPIC_STARTERS,
    Board,
    User,
    audit,
    db,
    hook,
    username_key,
    utcnow,
)

from .models import SANCTION_KINDS, InviteCode, Sanction

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud in a clinic


class ActionError(Exception):
    """A refused action; the message is for the person who tried (a 4xx, never a 500)."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


# Boards

def slug_from(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60]


def _check_slug(slug: str, board: Board | None = None) -> str:
    if not SLUG_PATTERN.match(slug):
        raise ActionError(_("Use lower-case letters, digits and '-' for the address (e.g. "
                            "'recovery-stories')."))
    taken = db.session.scalar(select(Board).where(Board.slug == slug))
    if taken is not None and taken is not board:
        raise ActionError(_("Another board already uses the address '%(slug)s'.", slug=slug))
    return slug


def _check_board_settings(moderation: str, topic_starters: str) -> None:
    if moderation not in ("", *MODERATION_MODES) or topic_starters not in TOPIC_STARTERS:
        raise ActionError(_("Choose one of the offered moderation modes and topic starters."))
    if moderation in ("pre", "screened") and not any(hook().forum_review_queue()):
        # Held posts would wait for ever: the same rule the core applies to the community's mode.
        raise ActionError(_("No enabled plugin reviews held posts, so this board can only be "
                            "post-moderated. Enable the moderation plugin first."))


def create_board(actor: User | None, title: str, slug: str = "", description: str = "",
                 moderation: str = "", topic_starters: str = "members") -> Board:
    title = title.strip()
    if not title:
        raise ActionError(_("Give the board a name."))
    slug = _check_slug(slug.strip() or slug_from(title) or _next_free_slug())
    _check_board_settings(moderation, topic_starters)
    last = db.session.scalar(select(func.max(Board.position))) or 0
    board = Board(title=title, slug=slug, description=description.strip(), position=last + 1,
                  moderation=moderation, topic_starters=topic_starters)
    db.session.add(board)
    db.session.flush()
    audit(actor, "board_create", board, title=title, slug=slug)
    db.session.commit()
    return board


def _next_free_slug() -> str:
    """Titles in Japanese give no ASCII address: board-1, board-2, ..."""
    count = db.session.scalar(select(func.count()).select_from(Board)) or 0
    return f"board-{count + 1}"


def update_board(actor: User | None, board: Board, **changes: str) -> list[str]:
    """Set title, slug, description, moderation or topic_starters; returns what changed."""
    if "title" in changes and not changes["title"].strip():
        raise ActionError(_("Give the board a name."))
    if "slug" in changes:
        _check_slug(changes["slug"], board)
    _check_board_settings(changes.get("moderation", board.moderation),
                          changes.get("topic_starters", board.topic_starters))
    changed = {key: value.strip() for key, value in changes.items()
               if getattr(board, key) != value.strip()}
    for key, value in changed.items():
        setattr(board, key, value)
    if changed:
        audit(actor, "board_update", board, **changed)
        db.session.commit()
    return list(changed)


def reorder_board(actor: User | None, board: Board, step: int) -> None:
    """Swap the board with its neighbour up (-1) or down (+1) in the home page's order."""
    boards = list(db.session.scalars(select(Board).order_by(Board.position, Board.title)))
    index = boards.index(board)
    other = index + step
    if not 0 <= other < len(boards):
        return
    boards[index], boards[other] = boards[other], boards[index]
    for position, each in enumerate(boards):
        each.position = position
    audit(actor, "board_move", board, position=other)
    db.session.commit()


def set_archived(actor: User | None, board: Board, archived: bool) -> None:
    board.archived = archived
    audit(actor, "board_archive" if archived else "board_unarchive", board)
    db.session.commit()


# Members

def find_member(name: str) -> User:
    member = db.session.scalar(select(User).where(User.username_key == username_key(name.strip())))
    if member is None:
        raise ActionError(_("No member is called '%(name)s'.", name=name), status=404)
    return member


def set_role(actor: User | None, member: User, role: str) -> None:
    if actor is not None and not actor.is_host:
        raise ActionError(_("Only hosts change roles."), status=403)
    if role not in ROLES:
        raise ActionError(_("Choose member, moderator or host."))
    if member.role == "host" and role != "host" and _host_count() <= 1:
        raise ActionError(_("The community needs at least one host. Make someone else a host "
                            "first."), status=409)
    if member.role == role:
        return
    audit(actor, "role_change", member, before=member.role, after=role)
    member.role = role
    db.session.commit()


def _host_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User).where(User.role == "host")) or 0


def may_sanction(actor: User | None, member: User) -> bool:
    """Hosts sanction anyone but themselves; moderators sanction members only."""
    if actor is None:
        return True
    if actor.id == member.id or not actor.is_moderator:
        return False
    return actor.is_host or not member.is_moderator


def sanction(actor: User | None, member: User, kind: str, reason: str,
             days: int | None = None) -> Sanction:
    """Warn, silence (no posting or reacting) or suspend (no signing in) for ``days`` (None:
    until lifted; a warning has no end, it is shown once)."""
    if not may_sanction(actor, member):
        raise ActionError(_("You can't do this to that member."), status=403)
    if kind not in SANCTION_KINDS:
        raise ActionError(_("Choose warn, silence or suspend."))
    if not reason.strip():
        raise ActionError(_("Give a reason: the member is shown it."))
    if kind == "silence" and not days:
        raise ActionError(_("Choose how long the silence lasts."))
    until = utcnow() + timedelta(days=days) if days and kind != "warn" else None
    entry = Sanction(user_id=member.id, kind=kind, reason=reason.strip(), until=until,
                     created_by_id=actor.id if actor else None)
    db.session.add(entry)
    audit(actor, f"member_{kind}", member, reason.strip(), days=days)
    db.session.commit()
    return entry


def lift(actor: User | None, entry: Sanction, reason: str = "") -> None:
    if not may_sanction(actor, entry.user):
        raise ActionError(_("You can't do this to that member."), status=403)
    if entry.lifted_at is not None:
        return
    entry.lifted_at = utcnow()
    entry.lifted_by_id = actor.id if actor else None
    audit(actor, "member_lift", entry.user, reason.strip(), kind=entry.kind, sanction=entry.id)
    db.session.commit()


def sanctions_in_force(member: User) -> list[Sanction]:
    """The member's sanctions that apply now (one indexed query, run on every signed-in page)."""
    now = utcnow()
    rows = db.session.scalars(_in_force_statement(), {"member_id": member.id, "now": now})
    return [row for row in rows if row.in_force(now)]


@cache
def _in_force_statement() -> Select[Any]:
    """Built once: building the statement cost more than running it on an empty table."""
    return select(Sanction).where(
        Sanction.user_id == bindparam("member_id"), Sanction.lifted_at.is_(None),
        (Sanction.until.is_(None)) | (Sanction.until > bindparam("now")))


def history(member: User) -> list[Sanction]:
    return list(db.session.scalars(
        select(Sanction).where(Sanction.user_id == member.id).order_by(Sanction.created_at.desc())))


# Invitations

def normalise_code(code: str) -> str:
    return re.sub(r"[\s-]+", "", unicodedata.normalize("NFKC", code)).upper()


def hash_code(code: str) -> str:
    # Codes are long and random, so a plain SHA-256 is enough (as for API tokens).
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _index in range(12))
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def create_invite(actor: User | None, label: str, max_uses: int | None = None,
                  days: int | None = None) -> tuple[InviteCode, str]:
    """Make a code; returns the row and the code itself, which is never stored."""
    if actor is not None and not actor.is_host:
        raise ActionError(_("Only hosts make invitation codes."), status=403)
    if not label.strip():
        raise ActionError(_("Name the group this code is for (e.g. 'Clinic A, spring group')."))
    if (max_uses is not None and max_uses < 1) or (days is not None and days < 1):
        raise ActionError(_("Uses and days must be 1 or more (or left empty for no limit)."))
    code = new_code()
    expires = utcnow() + timedelta(days=days) if days else None
    invite = InviteCode(label=label.strip(), code_hash=hash_code(code), max_uses=max_uses,
                        expires_at=expires, created_by_id=actor.id if actor else None)
    db.session.add(invite)
    db.session.flush()
    audit(actor, "invite_create", None, label=invite.label, invite=invite.id, max_uses=max_uses,
          days=days)
    db.session.commit()
    return invite, code


def revoke_code(actor: User | None, invite: InviteCode) -> None:
    if actor is not None and not actor.is_host:
        raise ActionError(_("Only hosts make invitation codes."), status=403)
    if invite.revoked_at is None:
        invite.revoked_at = utcnow()
        audit(actor, "invite_revoke", None, label=invite.label, invite=invite.id)
        db.session.commit()


def redeem(code: str, user: User) -> bool | str:
    """Use a code for a new member, in the registration's transaction (no commit)."""
    invite = db.session.scalar(
        select(InviteCode).where(InviteCode.code_hash == hash_code(code)).with_for_update())
    if invite is None:
        return _("That invitation code is not valid. Check it, or ask whoever gave it to you.")
    if not invite.usable(utcnow()):
        return _("That invitation code can no longer be used. Ask whoever gave it to you for a "
                 "new one.")
    invite.uses += 1
    audit(user, "invite_use", user, label=invite.label, invite=invite.id)
    return True


def all_invites() -> list[InviteCode]:
    return list(db.session.scalars(select(InviteCode).order_by(InviteCode.created_at.desc())))

