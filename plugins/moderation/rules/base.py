"""What every screening rule is: a small pluggy plugin whose ``forum_screen`` returns verdicts.

The moderation plugin builds each enabled rule once, at configure time (so patterns are
compiled once), and registers the instance with the app's plugin manager under
``moderation.<rule name>``. The core then calls it like any other ``forum_screen``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from forum.core.api import Action, ScreenContext, Verdict, hookimpl

from .text import WordPattern, clause_before


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
        """What in ``text`` this rule objects to (empty: nothing)."""
        raise NotImplementedError

    def reason(self, found: str) -> str:
        """For moderators: why, with the quoted findings."""
        raise NotImplementedError

    def member_message(self) -> str:
        """For the author: what happens, kindly."""
        raise NotImplementedError


def quoted(found: list[str], limit: int = 5) -> str:
    """'"a", "b"' for a moderator's reason: what matched, deduplicated, a few at most."""
    unique = list(dict.fromkeys(found))
    shown = ", ".join(f"“{word.strip()}”" for word in unique[:limit])
    return shown + (" …" if len(unique) > limit else "")


def unless_benign(pattern: WordPattern, benign: WordPattern, text: str) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` not inside a match of ``benign`` ('suicide squad')."""
    spans: list[tuple[int, int]] | None = None
    for match in pattern.finditer(text):
        if spans is None:  # the benign list only runs when something matched
            spans = [m.span() for m in benign.finditer(text)]
        if not any(start <= match.start() and match.end() <= end for start, end in spans):
            yield match


def about_oneself(text: str, position: int, first_person: WordPattern,
                  second_person: WordPattern) -> bool:
    """'I feel like an idiot': the clause before the word speaks of the writer, not of another."""
    clause = clause_before(text, position)
    return bool(first_person.search(clause)) and not second_person.search(clause)
