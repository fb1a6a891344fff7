"""The host's watched words (as in Discourse): one list per action, all in one regex.

    [moderation.words]
    block = ["buy followers"]        # refused: the member changes the text
    hold = ["pro-ana", "thinspo"]    # waits for a moderator
    flag = ["diet pills"]            # published (in screened/post mode), queued for review
    censor = ["damn", "クソ"]         # published with the word masked: ■■■■

Matching is on the ``spaced`` form of the one normalisation: case, full-/half-width,
invisible characters, look-alike letters, accents and punctuation ('pro-ana', 'pro ana')
don't matter. Latin words match
whole words only ('ass' never fires inside 'class'); Japanese words match anywhere. A
trailing '*' matches word beginnings ('idiot*': idiots, idiotic). However many words there
are, they are one precompiled trie-shaped regex: one pass over the text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from forum.core.api import Action, Verdict, normalise_map

from .base import Rule, quoted
from .text import WordPattern, compile_words, spaced, word_key

ACTIONS_BY_NAME = {"block": Action.BLOCK, "hold": Action.HOLD, "flag": Action.FLAG,
                   "censor": Action.CENSOR}
WORD_ACTIONS = {action: name for name, action in ACTIONS_BY_NAME.items()}
# The action as moderators read it in a reason, in the community's language.
ACTION_LABELS = {Action.BLOCK: _l("block"), Action.HOLD: _l("hold"), Action.FLAG: _l("flag"),
                 Action.CENSOR: _l("censor")}
SEVERITY = {Action.BLOCK: 3, Action.HOLD: 2, Action.FLAG: 1, Action.CENSOR: 1}


@lru_cache(maxsize=8)
def _compile(words: tuple[str, ...]) -> WordPattern:
    """Cached by word list: many apps in one process (tests) share one compiled pattern."""
    return compile_words(words)


class WatchedWordsRule(Rule):
    name = "watched_words"

    def __init__(self, settings: dict[str, dict[str, Any]]) -> None:
        super().__init__(settings)
        self.actions = watch_list(settings["moderation"]["words"])
        self.pattern = _compile(tuple(sorted(self.actions)))
        # A space in a word is optional in the text ('pro ana' matches 'proana'): look up without.
        self.exact = {word.replace(" ", ""): action for word, action in self.actions.items()
                      if not word.endswith("*")}
        self.prefixes = {word[:-1].replace(" ", ""): action for word, action in self.actions.items()
                         if word.endswith("*")}

    def screen(self, text: str) -> list[Verdict]:
        if not self.actions:
            return []
        found: dict[Action, list[str]] = {}
        for match in self.pattern.finditer(spaced(text)):
            action = self._action_of(word_key(match.group()).replace(" ", ""))
            typed = _typed(text, match)
            if action is Action.CENSOR and typed is None:
                action = Action.FLAG  # can't mask what we can't find: a moderator looks instead
            found.setdefault(action, []).append(typed or match.group().strip())
        return [self._verdict(action, words) for action, words in found.items()]

    def _action_of(self, matched: str) -> Action:
        if matched in self.exact:
            return self.exact[matched]
        # A prefix word ('idiot*') matched a longer word: the longest such prefix decides.
        return next((self.prefixes[matched[:end]] for end in range(len(matched), 0, -1)
                     if matched[:end] in self.prefixes), Action.FLAG)

    def _verdict(self, action: Action, words: list[str]) -> Verdict:
        message = ""
        if action is Action.BLOCK:
            message = _("Please change these words, which this community doesn't allow: %(words)s",
                        words=quoted(words))
        return Verdict(
            rule=self.name,
            action=action,
            reason=_("Watched words (%(action)s): %(words)s", action=str(ACTION_LABELS[action]),
                     words=quoted(words)),
            member_message=message,
            severity=SEVERITY[action],
            censor_terms=tuple(dict.fromkeys(words)) if action is Action.CENSOR else (),
        )


def _typed(text: str, match: re.Match[str]) -> str | None:
    """The words as the member typed them (the core masks those exact characters)."""
    start, end = match.span()
    start += match.group().startswith(" ")  # a Latin word's match starts with the space before it
    typed = normalise_map(text).original(start - 1, end - 1)  # ``spaced`` is ``normalise`` + 1
    if typed and typed in text and word_key(typed) == word_key(match.group()):
        return typed
    found = re.search(re.escape(match.group().strip()), text, re.IGNORECASE)
    return found.group() if found else None


def watch_list(words: dict[str, Any]) -> dict[str, Action]:
    """``{word key: action}`` from the config table; ValueError says what is wrong."""
    actions: dict[str, Action] = {}
    for name, entries in words.items():
        if name not in ACTIONS_BY_NAME:
            raise ValueError(f"has an unknown action {name!r}; use block, hold, flag or censor.")
        if not isinstance(entries, list) or not all(isinstance(e, str) and e.strip() for e in entries):
            raise ValueError(f"{name} must be a list of non-empty strings.")
        for entry in entries:
            word = word_key(entry) + ("*" if entry.rstrip().endswith("*") else "")
            if not word.strip("*"):
                raise ValueError(f"{entry!r} has no letters or digits to match.")
            if word in actions and actions[word] is not ACTIONS_BY_NAME[name]:
                raise ValueError(f"{entry!r} is in two lists ({WORD_ACTIONS[actions[word]]} and "
                                 f"{name}); keep it in one.")
            actions[word] = ACTIONS_BY_NAME[name]
    return actions
