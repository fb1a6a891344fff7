"""The forms rules match on (from the one normalisation, ``forum.core.api.skeleton``) and the
compiler that turns word lists into one regex.

Rules never loop over their phrases: each rule compiles its whole list once into a single
trie-shaped regex, so a 1 KB text costs one pass whatever the number of words.

- ``skeleton`` (core): normalised, with leetspeak, spacing, punctuation and repeated letters
  undone; every Latin word preceded by a space; sentence ends as ".". For phrases.
- ``spaced``: ``normalise`` with every character that is not a letter, digit or Japanese
  replaced by a space, one for one (so position i + 1 is ``normalise(text)[i]``): for the
  host's watched words.

Speed: Python's regex engine scans fast for a pattern that starts with a literal or a
character class, and slowly (a full match attempt at every position) for anything else. So
every pattern here starts with one: a Latin word is matched as " word" (its leading space is
part of the match, and marks the word boundary), a Japanese word by its first character.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import string
from collections.abc import Iterable, Iterator
from functools import lru_cache

from forum.core.api import CJK, normalise, phrase_skeleton, skeleton

__all__ = ["CJK", "ClauseIndex", "WordPattern", "compile_phrases", "compile_words", "expand", "normalise",
           "skeleton", "spaced", "word_key"]

# Letters of scripts written with spaces; rules match them as whole words.
LATIN = "0-9a-z\u00df-\u024f"
LATIN_CHAR = f"[{LATIN}]"
NOT_BEFORE_LATIN = f"(?!{LATIN_CHAR})"
SENTENCE_ENDS = ".!?\n。！？"
NEVER = r"(?!x)x"

_WORD_SEPARATORS = str.maketrans({char: " " for char in string.punctuation + string.whitespace})
_NOT_WORD = re.compile(rf"[^ {LATIN}{CJK}]+")
_CLAUSE_END = re.compile(r"[.,;:!?。、！？]| (?:but|and|because|so|then|though|although) ")


@lru_cache(maxsize=64)
def spaced(text: str) -> str:
    """' ' + ``normalise`` with non-word characters as spaces: position i + 1 is normalise[i]."""
    form = normalise(text)
    if form.isascii():
        form = form.translate(_WORD_SEPARATORS)
    else:
        form = _NOT_WORD.sub(lambda m: " " * len(m.group()), form)
    return " " + form


class ClauseIndex:
    """Where each clause of a ``skeleton`` starts, found once per text (bisect per question),
    so asking 'what comes before this match?' never rescans the text (no quadratic cost)."""

    def __init__(self, form: str) -> None:
        self.form = form
        self.ends = [match.end() for match in _CLAUSE_END.finditer(form)]

    def start(self, position: int) -> int:
        index = bisect.bisect_right(self.ends, position) - 1
        return self.ends[index] if index >= 0 else 0

    def before(self, position: int, limit: int = 80) -> str:
        """The clause up to ``position`` (at most ``limit`` characters of it)."""
        return self.form[max(self.start(position), position - limit):position]

    def end(self, position: int) -> int:
        """Where the clause holding ``position`` ends."""
        index = bisect.bisect_right(self.ends, position)
        return self.ends[index] if index < len(self.ends) else len(self.form)

    def after(self, position: int, limit: int = 60) -> str:
        return self.form[position:min(self.end(position), position + limit)]


def word_key(word: str) -> str:
    """How a watched word (or a match of it) is looked up: 'Pro-Ana' -> 'pro ana'."""
    return " ".join(spaced(word).split())


def expand(template: str) -> list[str]:
    """Brace expansion, as in a shell: '{kill,killing} my{self,}' -> 4 phrases."""
    return ["".join(combination) for combination in itertools.product(*_brace_groups(template))]


def _brace_groups(template: str) -> list[list[str]]:
    parts = re.split(r"\{([^{}]*)\}", template)
    return [part.split(",") if index % 2 else [part] for index, part in enumerate(parts) if part]


def is_latin(char: str) -> bool:
    return re.fullmatch(LATIN_CHAR, char) is not None


# ---------------------------------------------------------------------------------------------
# Trie regex: many words -> two patterns (Latin words, Japanese words), one branch per character.

_END = ""  # trie key meaning "a word ends here"; its value lists the regexes that may follow
_WORD_START = "\x02"  # trie step for the space before a Latin word (matched literally)
_EXPAND_UP_TO = 60  # templates with more phrases than this compile group by group
_FIRST_GROUP_UP_TO = 8
Trie = dict[str, "Trie | list[str]"]


class WordPattern:
    """Matches any of many words: one regex for Latin words, one for Japanese ones.

    Two, because a pattern that starts with a literal (" ", before every Latin word) is
    searched much faster than one that starts with a choice of many characters.
    """

    def __init__(self, trie: Trie) -> None:
        latin = {char: child for char, child in trie.items() if char == _WORD_START}
        other = {char: child for char, child in trie.items() if char != _WORD_START}
        self.patterns = [re.compile(_emit(part)) for part in (latin, other) if part]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        for pattern in self.patterns:
            yield from pattern.finditer(text)

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)


def compile_words(words: Iterable[str]) -> WordPattern:
    """Words for a ``spaced`` form: Latin ones whole words only, Japanese ones anywhere.

    A space inside a word matches one optional space ('pro ana' also matches 'proana');
    a trailing '*' makes a word a prefix ('idiot*' matches 'idiots').
    """
    trie: Trie = {}
    for raw in words:
        word = raw.rstrip("*")
        if word:
            _add(trie, word, _word_end(word, prefix=raw.endswith("*")))
    return WordPattern(trie)


def compile_phrases(templates: Iterable[str]) -> WordPattern:
    """Brace templates for a ``skeleton`` form (so repeated letters are collapsed here too).

    '{you are,ur} {,a ,such a }{idiot,loser,...}' expands to hundreds of phrases whose common
    endings a trie can't share: such a template enters the trie by its first group only,
    followed by the rest compiled group by group, so the pattern stays small.
    """
    trie: Trie = {}
    for template in templates:
        groups = [[phrase_skeleton(choice) for choice in group] for group in _brace_groups(template)]
        if math.prod(len(group) for group in groups) <= _EXPAND_UP_TO:
            for phrase in map("".join, itertools.product(*groups)):
                _add(trie, phrase, _word_end(phrase, prefix=False))
            continue
        ends_latin = all(choice and is_latin(choice[-1]) for choice in groups[-1])
        end = NOT_BEFORE_LATIN if ends_latin else ""
        if len(groups[0]) > _FIRST_GROUP_UP_TO and all(is_latin(choice[0]) for choice in groups[0]):
            # Many first words ('{jews,muslims,...} are ...'): one branch after the word start,
            # rather than the rest of the template copied after each of them.
            whole = "".join(f"(?:{_emit(_small_trie(group))})" for group in groups)
            node: Trie = trie.setdefault(_WORD_START, {})  # type: ignore[assignment]
            node.setdefault(_END, []).append(whole + end)  # type: ignore[union-attr]
            continue
        rest = "".join(f"(?:{_emit(_small_trie(group))})" for group in groups[1:])
        for first in groups[0]:
            _add(trie, first, rest + end)
    return WordPattern(trie)


def _word_end(word: str, prefix: bool) -> str:
    if prefix:
        return f"{LATIN_CHAR}*"
    return NOT_BEFORE_LATIN if is_latin(word[-1]) else ""


def _add(trie: Trie, word: str, end: str) -> None:
    node = trie
    for char in (_WORD_START + word) if is_latin(word[0]) else word:
        node = node.setdefault(char, {})  # type: ignore[assignment]
    ends: list[str] = node.setdefault(_END, [])  # type: ignore[assignment]
    if end not in ends:
        ends.append(end)


def _small_trie(choices: list[str]) -> Trie:
    """A brace group inside a template: no word start, nothing after."""
    trie: Trie = {}
    for choice in choices:
        node = trie
        for char in choice:
            node = node.setdefault(char, {})  # type: ignore[assignment]
        node[_END] = [""]
    return trie


def _emit(node: Trie) -> str:
    branches = [_step(char) + _emit(node[char])  # type: ignore[arg-type]
                for char in sorted(node) if char != _END]
    branches += node.get(_END, [])  # type: ignore[arg-type]  # tried last: longest match first
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _step(char: str) -> str:
    return {_WORD_START: " ", " ": " ?"}.get(char) or re.escape(char)
