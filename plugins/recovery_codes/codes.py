"""Making, showing once, and spending recovery codes."""

from __future__ import annotations

import secrets
from functools import lru_cache

from flask import session
from sqlalchemy import delete, func, select

from forum.core.api import User, audit, check_secret, db, hash_secret, utcnow

from .models import RecoveryCode

COUNT = 10
# No 0/O, 1/I/L: a code copied by hand from paper must read back the same.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
GROUPS, GROUP_LENGTH = 3, 4  # "7KQ2-MZ4P-XR9D": about 59 bits
SESSION_KEY = "recovery_codes_to_show"


def _one_code() -> str:
    groups = ("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS))
    return "-".join(groups)


def canonical(code: str) -> str:
    """What a member types, as stored: upper case, no spaces or hyphens."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _lookup(canonical_code: str) -> str:
    return canonical_code[:GROUP_LENGTH]


def new_set(user: User) -> list[str]:
    """Replace the member's codes with ten new ones; return them in the clear, once. Commits."""
    delete_all(user)
    fresh = [_one_code() for _ in range(COUNT)]
    db.session.add_all(RecoveryCode(user_id=user.id, lookup=_lookup(canonical(code)),
                                    code_hash=hash_secret(canonical(code))) for code in fresh)
    audit(None, "recovery_codes_new", user)
    db.session.commit()
    return fresh


def keep_for_showing(fresh: list[str]) -> None:
    """After registration the app redirects: the codes wait in the session for one page view."""
    session[SESSION_KEY] = fresh


def take_for_showing() -> list[str]:
    return session.pop(SESSION_KEY, None) or []


def unused_count(user: User) -> int:
    return db.session.scalar(select(func.count(RecoveryCode.id)).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))) or 0


def spend(user: User | None, code: str) -> bool:
    """Use up the member's matching unused code; False if there is none (nothing changes)."""
    typed = canonical(code)
    candidates = [] if user is None else list(db.session.scalars(select(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.lookup == _lookup(typed),
        RecoveryCode.used_at.is_(None))))
    match = next((row for row in candidates if check_secret(row.code_hash, typed)), None)
    if match is None:
        if not candidates:  # as slow as a wrong code: the timing doesn't tell who has codes
            check_secret(_decoy_hash(), typed)
        return False
    match.used_at = utcnow()
    return True


@lru_cache(maxsize=1)
def _decoy_hash() -> str:
    return hash_secret(_one_code())


def delete_all(user: User) -> None:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
