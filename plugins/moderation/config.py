"""The [moderation] table: which rules run, the host's watched words, contacts always allowed."""

from __future__ import annotations

from typing import Any

from forum.core.api import ConfigError, Section, Setting

from .rules import RULES
from .rules.watched_words import watch_list

RULE_NAMES = tuple(RULES)

# Rule settings (the self-harm tiers and the statistical classifier).
RULE_SETTINGS = {
    "check_in": Setting(str, "flag", 'self-harm "check in" tier: "flag" (published, a moderator checks in) '
                                     'or "hold" (waits for a moderator)', choices=("flag", "hold")),
}
CLASSIFIER_DEFAULTS = {"model": "", "check_in": 0.5, "urgent": 0.9}
RULE_SETTINGS["classifier"] = Setting(
    dict, {}, '[moderation.classifier] model = "path" (from `forum screen train`), check_in = 0.5, '
              "urgent = 0.9: the probabilities of risk from which it asks for a check-in or holds as urgent")


def check_classifier(table: dict[str, Any], source: str) -> None:
    unknown = sorted(set(table) - set(CLASSIFIER_DEFAULTS))
    if unknown:
        raise ConfigError(f"{source}: [moderation.classifier] has unknown key(s) {unknown}; "
                          f"use {sorted(CLASSIFIER_DEFAULTS)}.")
    if not isinstance(table.get("model", ""), str):
        raise ConfigError(f"{source}: [moderation.classifier] model must be a path (a string).")
    for key in ("check_in", "urgent"):
        value = table.get(key, CLASSIFIER_DEFAULTS[key])
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
            raise ConfigError(f"{source}: [moderation.classifier] {key} must be a probability in (0, 1], "
                              f"got {value!r}.")

SCHEMA = {
    "moderation": Section({
        "rules": Setting(list, list(RULE_NAMES), "screening rules to run", choices=RULE_NAMES),
        "words": Setting(dict, {}, "watched words, one list per action: "
                                   '[moderation.words] block = [...], hold = [...], flag = [...], '
                                   "censor = [...]"),
        "allowed_contacts": Setting(list, [], "phone numbers, e-mail addresses or links members may "
                                              "share (the crisis resources' phones always may)",
                                    items=str),
        **RULE_SETTINGS,
    }),
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
    check_classifier(moderation["classifier"], source)
    try:
        watch_list(moderation["words"])
    except ValueError as error:
        raise ConfigError(f"{source}: [moderation.words] {error}") from None
