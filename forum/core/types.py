"""Small value types shared by the core and plugins (part of the public API)."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Item, User


@dataclass(frozen=True)
class Setting:
    """One configuration key: its type, default, help text, and what values make sense.

    ``choices`` are the allowed values (of each item, for a list); ``minimum``/``maximum`` bound a
    number, or the length of a string or list; ``pattern`` must match a whole string (or each
    string item), ``pattern_help`` says in words what it wants; ``items`` is the type of each list
    item; ``check(value, config_dir)`` returns ``None`` or "what is wrong. Fix: ..." (see the
    ready checks in ``forum.core.api``: ``rate_limit``, ``existing_folder``, ``time_zone``...).
    """

    type: type | tuple[type, ...]
    default: Any
    help: str = ""
    choices: tuple[Any, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    pattern_help: str = ""
    items: type | tuple[type, ...] | None = None
    check: Callable[[Any, Path], str | None] | None = None


@dataclass(frozen=True)
class Section:
    """A configuration table. `any_key` accepts open-ended keys (e.g. [reactions] per type)."""

    settings: dict[str, Setting] = field(default_factory=dict)
    any_key: Setting | None = None


@dataclass(frozen=True)
class ContentType:
    """A kind of member content. `url` links one item (search results, queue, feeds)."""

    name: str
    label: str
    url: Callable[[Item], str]
    default_visibility: str = "community"  # of a new item: "community" or "private"
    # Usage measurement: the function this type is (``funcan``, ``discussions``...) and which
    # actions count as using it: "write" (save), "share" (make public), "read_others" (open
    # another member's item or the community feed). The core records them (forum.core.usage).
    function: str | None = None
    usage: frozenset[str] = frozenset({"write"})
    # The form members fill in: its field labels and choice labels name ``item.data``'s fields
    # and codes for people (the review queue), in the community's language (``field_text``).
    form: type | None = None

    @property
    def display_label(self) -> str:
        """``label`` in the community's language: declarations often turn a lazy label into
        its English text at start-up, so it is looked up again while a page renders."""
        from flask_babel import gettext

        return gettext(str(self.label))


@dataclass(frozen=True)
class ReactionPolicy:
    """How others may answer a content type: fixed reactions and/or free-text comments."""

    reactions: tuple[str, ...] = ()
    comments: bool = False
    provider: str = ""


class Action(enum.IntEnum):
    """What screening decides; a higher value is more severe and wins."""

    ALLOW = 0
    CENSOR = 1
    FLAG = 2
    HOLD = 3
    BLOCK = 4


@dataclass(frozen=True)
class Verdict:
    """One screening rule's finding on one text."""

    rule: str
    action: Action
    reason: str  # for moderators
    member_message: str = ""  # shown to the author; empty for silent flags
    severity: int = 1  # 1 low .. 5 urgent; orders the review queue
    urgent: bool = False
    crisis: bool = False  # show the crisis message and resources to the author at once
    censor_terms: tuple[str, ...] = ()
    field: str = ""
    # Risk tier for safety rules: "urgent" (intent, plan, method, time; a goodbye note) or
    # "check_in" (passive ideation, hopelessness, burden, past self-harm); "" for other rules.
    tier: str = ""
    # What matched, in words a moderator understands ("method + time", "hopelessness").
    constructs: tuple[str, ...] = ()
    # A rephrase nudge: a gentle reason for the author ("some words could hurt someone"), who
    # sees their text again before anything is saved and may change it or send it as it is.
    # Only for findings about tone; never on a risk (crisis) verdict.
    nudge: str = ""
    matched: tuple[str, ...] = ()  # the member's own words that matched, quoted in the nudge


@dataclass
class ScreenContext:
    """Where a text comes from; passed to every `forum_screen` implementation."""

    user: User | None
    content_type: str
    field: str
    language: str
    item: Item | None = None


@dataclass
class ScreenResult:
    """The combined outcome of all rules over all fields of one submission."""

    verdicts: list[Verdict]
    texts: dict[str, str]  # the texts after censoring

    @property
    def action(self) -> Action:
        return max((v.action for v in self.verdicts), default=Action.ALLOW)

    @property
    def crisis(self) -> bool:
        return any(v.crisis for v in self.verdicts)

    @property
    def urgent(self) -> bool:
        return any(v.urgent for v in self.verdicts)

    @property
    def nudges(self) -> list[Verdict]:
        """The verdicts to nudge the author about, when they are the only reason to flag or
        hold and nothing asks for the crisis path or blocks; else none."""
        serious = [v for v in self.verdicts if v.action >= Action.FLAG]
        if not serious or self.crisis or self.action is Action.BLOCK or not all(v.nudge for v in serious):
            return []
        return serious

    @property
    def member_messages(self) -> list[str]:
        """What the rules tell the author (the crisis page has its own words)."""
        return list(dict.fromkeys(v.member_message for v in self.verdicts
                                  if v.member_message and not v.crisis))


@dataclass(frozen=True)
class NavItem:
    """A link in the main navigation. `badge` shows a count (e.g. the review queue)."""

    label: str
    url: str
    order: int = 50
    badge: int | None = None
