"""The fixed reaction vocabulary, and the check that the host's [reactions] table uses it.

Only these kinds exist: a host picks, per content type, which of them members may give.
Every one is supportive by design; none carries free text.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l

from forum.core.api import ConfigError

KINDS = {
    "like": _l("Like"),
    "great": _l("Great!"),
    "interesting": _l("Interesting"),
    "want_to_do": _l("I want to try this"),
    "empathy": _l("I feel for you"),
    "me_too": _l("Me too"),
    "thanks": _l("Thank you"),
}


def label(kind: str) -> str:
    """The member-facing name of a reaction, in the current language."""
    return str(KINDS[kind]) if kind in KINDS else kind


def check_reaction_table(table: dict[str, Any], content_types: Iterable[str], source: str) -> None:
    """Stop start-up on a [reactions] entry that names an unknown type or reaction."""
    known_types = sorted(content_types)
    for type_name, kinds in table.items():
        where = f"{source}: [reactions] {type_name}"
        if type_name not in known_types:
            raise ConfigError(
                f"{where}: no enabled plugin declares the content type {type_name!r}."
                f"{_suggest(type_name, known_types)} Fix: enable the plugin that adds it in "
                f"[plugins] enabled, or remove the key. Known types: {', '.join(known_types) or 'none'}."
            )
        if not kinds:
            raise ConfigError(f"{where} is an empty list. Fix: list at least one reaction, "
                              "or remove the key so the type takes no reactions.")
        for kind in kinds:
            if not isinstance(kind, str) or kind not in KINDS:
                raise ConfigError(
                    f"{where} lists the unknown reaction {kind!r}.{_suggest(kind, list(KINDS))} "
                    f"Fix: use only {', '.join(KINDS)}."
                )
        if len(set(kinds)) != len(kinds):
            raise ConfigError(f"{where} lists a reaction twice. Fix: keep each reaction once.")


def _suggest(name: object, known: list[str]) -> str:
    close = difflib.get_close_matches(str(name), known, n=1)
    return f" Did you mean {close[0]!r}?" if close else ""
