"""The built-in screening rules, one module each; ``RULES`` maps config names to classes."""

from __future__ import annotations

from .base import Rule
from .classifier import ClassifierRule
from .contact_details import ContactDetailsRule
from .hostility import HostilityRule
from .self_harm import SelfHarmRule
from .watched_words import WatchedWordsRule

RULES: dict[str, type[Rule]] = {
    rule.name: rule for rule in (SelfHarmRule, HostilityRule, ContactDetailsRule, WatchedWordsRule,
                                 ClassifierRule)
}
