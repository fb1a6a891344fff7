"""Hooks the reactions plugin calls, for other plugins to answer (e.g. notifications)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forum.core.api import hookspec

if TYPE_CHECKING:
    from forum.core.api import Item, User


@hookspec
def reactions_given(item: Item, user: User, kind: str) -> None:
    """``user`` gave the reaction ``kind`` to the public ``item`` (not when taking one back).
    After commit: an implementation writes and commits its own rows."""


@hookspec
def reactions_taken_back(item: Item, user: User, kind: str) -> None:
    """``user`` took back the reaction ``kind`` they had given to ``item``. After commit: an
    implementation writes and commits its own rows (a notification counts it no more)."""
