"""Hooks the moderation plugin calls, for other plugins to answer (e.g. notifications)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forum.core.api import hookspec

if TYPE_CHECKING:
    from forum.core.api import Item, User


@hookspec
def moderation_member_message(member: User, item: Item | None, kind: str, url: str) -> None:
    """A moderator wrote to ``member``: ``kind`` is ``"decision"`` (a message with a decision on
    the member's ``item``) or ``"check_in"`` (a message in the private check-in conversation,
    ``item`` None). ``url`` is the member's page of moderators' messages. After commit: an
    implementation writes and commits its own rows; it receives no message text."""
