"""Text forms the rules match on, and the compiler that turns word lists into one regex.

Rules never loop over their phrases: each rule compiles its whole list once into a single
trie-shaped regex, so a 1 KB text costs one pass whatever the number of words.

Normalised forms of a text, each computed once per text and shared by all rules:

- ``folded``: NFKC (full-width -> half-width, half-width katakana -> full-width) + casefold.
- ``skeleton``: ``folded`` with light disguises undone, for phrases people obfuscate:
  leetspeak inside words (``k1ll``, ``$uicide``), spaced-out letters (``k i l l``,
  ``s.u.i.c.i.d.e``), punctuation and digits between words (one space), sentence ends
  (``.``, which no phrase crosses), repeated letters (``kiiiill``, and so ``kill``, become
  ``kil``: phrases are compiled the same way) and spaces between Japanese characters
  (``死 に た い``).
- ``spaced``: ``folded`` with every character that is not a letter, digit or Japanese replaced
  by a space, one for one (so positions still point into ``folded``): for watched words.

Both ``skeleton`` and ``spaced`` start with a space, so every Latin word is preceded by one.

Speed: Python's regex engine scans fast for a pattern that starts with a literal or a
character class, and slowly (a full match attempt at every position) for anything else. So
every pattern here starts with one: a Latin word is matched as " word" (its leading space is
part of the match, and marks the word boundary), a Japanese word by its first character.
"""

from __future__ import annotations

import itertools
import math
import re
import string
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

# Letters of scripts written with spaces; rules match them as whole words.
LATIN = "0-9a-z\u00df-\u024f"
LATIN_CHAR = f"[{LATIN}]"
NOT_BEFORE_LATIN = f"(?!{LATIN_CHAR})"
# Kana, CJK ideographs and the iteration/prolonged-sound marks: matched as substrings.
CJK = "\u3005\u3006\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
SENTENCE_ENDS = ".!?\n。！？"
NEVER = r"(?!x)x"

_LEET_CHARS = "013457@$!|+"
_LEET = str.maketrans(dict(zip(_LEET_CHARS, "oieastasilt", strict=True)))
_LEET_CLASS = f"[{re.escape(_LEET_CHARS)}]"
# A leet character inside a word (k1ll, su1c1de), or leading one (5elf, $uicide, 1d10t).
_LEET_RUN = re.compile(
    rf"{_LEET_CLASS}(?:(?<=[a-z].){_LEET_CLASS}*(?=[a-z])|(?<=[015$@])(?<!{LATIN_CHAR}.)(?=[a-z]))"
)
# Single letters with the same separator between them, found from the first separator:
# "k i l l", "s.u.i.c.i.d.e" (4 letters at least; "k i l l  m y s e l f" is two words).
_SPACED_LETTERS = re.compile(r"([ .\-_*·,'])(?<=(?<![a-z])[a-z].)[a-z](?![a-z])(?:\1[a-z](?![a-z])){2,}")
_NOT_LETTER = re.compile(r"[^a-z]")
# One character for one (str.translate is fastest so); a sentence end becomes ".".
_PUNCTUATION = str.maketrans(
    {**{char: " " for char in string.punctuation + string.digits + string.whitespace},
     **{char: "." for char in ".!?\n"}}
)
_GLUED_DOT = re.compile(r"\.(?=[^ ])")
_NOT_LETTERS = re.compile(rf"[^ a-z\u00df-\u024f{CJK}]+")
_REPEATED_LETTER = re.compile(r"([a-z])(?=\1)")  # all but the last of a run: kiiill -> kil
_SPACE_BETWEEN_CJK = re.compile(rf" (?<=[{CJK}] )(?=[{CJK}])")
_WORD_SEPARATORS = str.maketrans({char: " " for char in string.punctuation + string.whitespace})
_NOT_WORD = re.compile(rf"[^ {LATIN}{CJK}]+")


@lru_cache(maxsize=64)
def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=64)
def folded(text: str) -> str:
    """NFKC + casefold: 'ＫＩＬＬ' and 'Kill' are both 'kill'; 'ｼﾈ' is 'シネ'."""
    return nfkc(text).casefold()


@lru_cache(maxsize=64)
def skeleton(text: str) -> str:
    """``folded`` with leetspeak, spacing and punctuation undone (see the module docstring)."""
    form = _LEET_RUN.sub(lambda m: m.group().translate(_LEET), folded(text))
    form = _SPACED_LETTERS.sub(lambda m: _NOT_LETTER.sub("", m.group()), form)
    ascii_only = form.isascii()  # str.translate is fast on ASCII only; Japanese has few separators
    form = form.translate(_PUNCTUATION) if ascii_only else _NOT_LETTERS.sub(_separator, form)
    form = _REPEATED_LETTER.sub("", " " + " ".join(_GLUED_DOT.sub(". ", form).split()))
    return form if ascii_only else _SPACE_BETWEEN_CJK.sub("", form)


def _separator(match: re.Match[str]) -> str:
    return "." if any(mark in match.group() for mark in SENTENCE_ENDS) else " "


@lru_cache(maxsize=64)
def spaced(text: str) -> str:
    """' ' + ``folded`` with non-word characters as spaces: position i + 1 is folded[i]."""
    form = folded(text)
    if form.isascii():
        form = form.translate(_WORD_SEPARATORS)
    else:
        form = _NOT_WORD.sub(lambda m: " " * len(m.group()), form)
    return " " + form


def word_key(word: str) -> str:
    """How a watched word (or a match of it) is looked up: 'Pro-Ana' -> 'pro ana'."""
    return " ".join(spaced(word).split())


def collapse_repeats(word: str) -> str:
    """'kill' -> 'kil', as ``skeleton`` does to a text."""
    return _REPEATED_LETTER.sub("", word)


def expand(template: str) -> list[str]:
    """Brace expansion, as in a shell: '{kill,killing} my{self,}' -> 4 phrases."""
    return ["".join(combination) for combination in itertools.product(*_brace_groups(template))]


def _brace_groups(template: str) -> list[list[str]]:
    parts = re.split(r"\{([^{}]*)\}", template)
    return [part.split(",") if index % 2 else [part] for index, part in enumerate(parts) if part]


def is_latin(char: str) -> bool:
    return re.fullmatch(LATIN_CHAR, char) is not None


def clause_before(text: str, position: int) -> str:
    """The part of the sentence that precedes ``position`` (for 'who is this about?')."""
    start = max(text.rfind(mark, 0, position) for mark in SENTENCE_ENDS)
    return text[start + 1:position]


# ---------------------------------------------------------------------------------------------
# Trie regex: many words -> two patterns (Latin words, Japanese words), one branch per character.

_END = ""  # trie key meaning "a word ends here"; its value lists the regexes that may follow
_WORD_START = "\x02"  # trie step for the space before a Latin word (matched literally)
_EXPAND_UP_TO = 60  # templates with more phrases than this compile group by group
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
        groups = [[collapse_repeats(choice) for choice in group] for group in _brace_groups(template)]
        if math.prod(len(group) for group in groups) <= _EXPAND_UP_TO:
            for phrase in map("".join, itertools.product(*groups)):
                _add(trie, phrase, _word_end(phrase, prefix=False))
            continue
        rest = "".join(f"(?:{_emit(_small_trie(group))})" for group in groups[1:])
        ends_latin = all(choice and is_latin(choice[-1]) for choice in groups[-1])
        for first in groups[0]:
            _add(trie, first, rest + (NOT_BEFORE_LATIN if ends_latin else ""))
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
