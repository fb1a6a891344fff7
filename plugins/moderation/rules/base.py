"""What every screening rule is: a small pluggy plugin whose ``forum_screen`` returns verdicts.

The moderation plugin builds each enabled rule once, at configure time (so patterns are
compiled once), and registers the instance with the app's plugin manager under
``moderation.<rule name>``. The core then calls it like any other ``forum_screen``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from flask_babel import gettext as _

from forum.core.api import Action, ScreenContext, Verdict, hookimpl, original_words, skeleton

from .phrasebook import Hit


class Rule:
    """A rule that holds what it finds.

    Subclasses set ``name`` (and ``severity``, ``urgent``, ``crisis``) and implement ``find``,
    ``reason`` and ``member_message``; a rule with other actions overrides ``screen``.
    """

    name: ClassVar[str]
    severity: ClassVar[int] = 1
    urgent: ClassVar[bool] = False
    crisis: ClassVar[bool] = False

    def __init__(self, settings: dict[str, dict[str, Any]]) -> None:
        self.settings = settings

    @hookimpl
    def forum_screen(self, text: str, context: ScreenContext) -> list[Verdict] | None:
        return self.screen(text) or None

    def screen(self, text: str) -> list[Verdict]:
        found = self.find(text)
        if not found:
            return []
        return [Verdict(rule=self.name, action=Action.HOLD, reason=self.reason(quoted(found)),
                        member_message=self.member_message(), severity=self.severity,
                        urgent=self.urgent, crisis=self.crisis)]

    def find(self, text: str) -> list[str]:
        """What in ``text`` this rule objects to, in the member's words (empty: nothing)."""
        raise NotImplementedError

    def reason(self, found: str) -> str:
        """For moderators: why, with the quoted findings."""
        raise NotImplementedError

    def member_message(self) -> str:
        """For the author: what happens, kindly."""
        raise NotImplementedError


def quoted(found: list[str], limit: int = 5) -> str:
    """'"a", "b"' for a moderator's reason: what matched, deduplicated, a few at most."""
    unique = list(dict.fromkeys(word.strip() for word in found if word.strip()))
    shown = ", ".join(f"“{word}”" for word in unique[:limit])
    return shown + (" …" if len(unique) > limit else "")


def quote(text: str, hits: Sequence[Hit], limit: int = 5) -> str:
    """The member's own words behind hits on ``skeleton(text)``, quoted."""
    return quoted(originals(text, hits, limit * 2), limit)


# Findings this far into a skeleton are quoted as the skeleton reads them: mapping a 100 KB
# post back to the member's characters costs tens of milliseconds, and twice for a far finding.
MAP_UP_TO = 8_000


def originals(text: str, hits: Sequence[Hit], limit: int = 10) -> list[str]:
    """The member's own words behind the first ``limit`` hits (far ones in skeleton form)."""
    spans = [(hit.start, hit.end) for hit in sorted(hits)[:limit]]
    near = [span for span in spans if span[1] <= MAP_UP_TO]
    form = skeleton(text) if len(near) < len(spans) else ""
    return original_words(text, near) + [form[start:end].strip() for start, end in spans[len(near):]]


def crisis_member_message() -> str:
    """What a member whose words suggest suicide risk reads, above the crisis resources."""
    return _("Thank you for telling us how you feel. You don't have to go through this alone: a "
             "moderator will read what you wrote soon, and the people below can listen right now.")


def check_in_action(settings: dict[str, dict[str, Any]]) -> Action:
    """``[moderation] check_in``: a check-in is flagged (published) or held."""
    return Action.HOLD if settings["moderation"].get("check_in") == "hold" else Action.FLAG
