"""The [moderation] table: which rules run, the host's watched words, contacts always allowed."""

from __future__ import annotations

from typing import Any

from forum.core.api import ConfigError, Section, Setting

from .rules import RULES
from .rules.watched_words import watch_list

RULE_NAMES = tuple(RULES)

SCHEMA = {
    "moderation": Section({
        "rules": Setting(list, list(RULE_NAMES),
                         f"screening rules to run, any of: {', '.join(RULE_NAMES)}"),
        "words": Setting(dict, {}, "watched words, one list per action: "
                                   '[moderation.words] block = [...], hold = [...], flag = [...], '
                                   "censor = [...]"),
        "allowed_contacts": Setting(list, [], "phone numbers, e-mail addresses or links members may "
                                              "share (the crisis resources' phones always may)"),
    })
}


def check(settings: dict[str, dict[str, Any]], source: str) -> None:
    """Validate what the generic schema can't: rule names and the watched-word lists."""
    moderation = settings["moderation"]
    unknown = [name for name in moderation["rules"] if name not in RULE_NAMES]
    if unknown:
        raise ConfigError(f"{source}: [moderation] rules names unknown rule(s) {unknown}; "
                          f"use any of {list(RULE_NAMES)}.")
    if not all(isinstance(entry, str) for entry in moderation["allowed_contacts"]):
        raise ConfigError(f"{source}: [moderation] allowed_contacts must be a list of strings.")
    try:
        watch_list(moderation["words"])
    except ValueError as error:
        raise ConfigError(f"{source}: [moderation.words] {error}") from None
