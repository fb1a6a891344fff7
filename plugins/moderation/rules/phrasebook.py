"""Many phrases, each with a label, as one pattern: which phrases matched, and where.

A rule that needs to know *what* matched (a construct, a cue) compiles its phrases into a
``PhraseBook``: one trie-shaped regex (one scan of the text) plus a table from each matched
phrase back to its label.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from forum.core.api import phrase_skeleton

from .text import compile_phrases, expand


class Hit(NamedTuple):
    """A phrase found in a ``skeleton``: where, and with which label."""

    start: int
    end: int
    label: str


class PhraseBook:
    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        """``entries``: (brace template or phrase, label); a later label for a phrase wins."""
        self.labels: dict[str, str] = {}
        for template, label in entries:
            for phrase in expand(template):
                key = phrase_skeleton(phrase).strip()
                if key and not (key.isascii() and len(key) < 2):
                    self.labels[key] = label
        self.unspaced = {key.replace(" ", ""): label for key, label in self.labels.items()}
        self.pattern = compile_phrases(sorted(self.labels))

    def __len__(self) -> int:
        return len(self.labels)

    def label(self, matched: str) -> str:
        key = matched.strip()
        return self.labels.get(key) or self.unspaced.get(key.replace(" ", ""), "")

    def hits(self, form: str) -> Iterator[Hit]:
        for match in self.pattern.finditer(form):
            start = match.start() + match.group().startswith(" ")
            yield Hit(start, match.end(), self.label(match.group()))


def labelled(label: str, templates: Iterable[str]) -> list[tuple[str, str]]:
    return [(template, label) for template in templates]


def outside(hits: Iterable[Hit], spans: list[tuple[int, int]]) -> list[Hit]:
    """The hits that overlap none of ``spans`` ('suicide' in 'suicide prevention'; 'this is my
    last post' and 'last post of the year'). Spans don't overlap each other (one regex scan), so
    one merge of the two sorted lists does it: linear."""
    kept = []
    ordered = sorted(spans)
    index = 0
    for hit in sorted(hits):
        while index < len(ordered) and ordered[index][1] <= hit.start:
            index += 1
        overlaps = index < len(ordered) and ordered[index][0] < hit.end
        if not overlaps:
            kept.append(hit)
    return kept
