"""Many phrases, each with a label, found in one pass: which phrases matched, and where.

A rule that needs to know *what* matched (a construct, a cue) compiles its phrases into a
``PhraseBook``. Latin phrases go into a trie of *words*: the ``skeleton`` is split into words
once per text, and each word costs one dict lookup (a regex alternation of thousands of
phrases would be tried at every word start, which is slow in Python's ``re``). Every match is
found, overlapping ones too ('suicide' and 'suicide prevention'). A space inside a phrase is
optional in the text, as for the other patterns ('kill my self', 'killmyself').

Brace templates too large to expand ('{100 groups} {are,...} {200 words}') become a chain of
small tries, one per space-separated part, walked one after the other. Japanese phrases, written
without spaces, are one trie-shaped regex of substrings (``text.compile_phrases``).

A book may name filler words ('just', 'really', 'even') that a phrase walk steps over when the
phrase has no word of its own there: 'i just want it to stop' and 'i don't even want to be here'
match the phrases without those words, so no list has to spell out every adverb. Negations are
never fillers: skipping one would turn a phrase into its opposite.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from forum.core.api import is_cjk, phrase_skeleton

from .text import compile_phrases, expand

_END = ""  # trie key: the labels of the phrases that end here
_EXPAND_UP_TO = 5000  # templates with more phrases than this become chains
_JOIN_UP_TO = 4  # words in a phrase for which every joining ('kill my self', 'killmyself') is added

Node = dict[str, "Node | list[str]"]


class Hit(NamedTuple):
    """A phrase found in a ``skeleton``: where, and with which label."""

    start: int
    end: int
    label: str


class Tokens(NamedTuple):
    words: list[str]
    starts: list[int]
    ends: list[int]
    where: dict[str, list[int]]  # word -> its indexes


_WORD = re.compile(r"\.|[^\s.]+")  # a sentence end is a word of its own


@lru_cache(maxsize=16)
def tokens(form: str) -> Tokens:
    """The words of a ``skeleton`` (a sentence end is a word of its own), with their offsets,
    found once per text for every phrase book (one regex pass: no search per word)."""
    matches = list(_WORD.finditer(form))
    words = [match.group() for match in matches]
    starts = [match.start() for match in matches]
    ends = [match.end() for match in matches]
    if not words or words[-1] != ".":
        words.append(".")  # the text's end ends a sentence too ('... i'm done')
        starts.append(len(form))
        ends.append(len(form) + 1)
    where: dict[str, list[int]] = {}
    for index, word in enumerate(words):
        where.setdefault(word, []).append(index)
    return Tokens(words, starts, ends, where)


def joinings(words: list[str]) -> Iterator[list[str]]:
    """'kill my self' -> itself, 'killmy self', 'kill myself', 'killmyself' (short phrases)."""
    if len(words) > _JOIN_UP_TO:
        yield words
        return
    for cuts in itertools.product((False, True), repeat=max(len(words) - 1, 0)):
        joined = [words[0]]
        for word, glued in zip(words[1:], cuts, strict=True):
            if glued:
                joined[-1] += word
            else:
                joined.append(word)
        yield joined


def _insert(root: Node, words: list[str], label: str) -> None:
    node = root
    for word in words:
        node = node.setdefault(word, {})  # type: ignore[assignment]
    labels: list[str] = node.setdefault(_END, [])  # type: ignore[assignment]
    if label not in labels:
        labels.append(label)


class _Chain:
    """A large template as parts: each part a small word trie, matched one after the other."""

    def __init__(self, parts: list[list[str]], label: str) -> None:
        self.label = label
        self.tries: list[Node] = []
        self.optional: list[bool] = []
        for choices in parts:
            trie: Node = {}
            for choice in choices:
                for words in joinings(choice.split()):
                    if words:
                        _insert(trie, words, label)
            self.tries.append(trie)
            self.optional.append(any(not choice.split() for choice in choices))

    def first_words(self, part: int = 0) -> set[str]:
        """The words a match of parts ``part`` .. may start with."""
        words: set[str] = set()
        for trie, optional in zip(self.tries[part:], self.optional[part:], strict=True):
            words |= {word for word in trie if word != _END}
            if not optional:
                break
        return words

    def optional_from(self, part: int) -> bool:
        """Whether parts ``part`` .. may all be left out (a match may end before them)."""
        return all(self.optional[part:])

    def ends(self, words: list[str], start: int, part: int = 0, last: int | None = None) -> set[int]:
        """Where a match of parts ``part`` .. ``last`` (exclusive; default all) starting at word
        ``start`` can end (exclusive word indexes)."""
        last = len(self.tries) if last is None else last
        if part == last:
            return {start}
        found = self.ends(words, start, part + 1, last) if self.optional[part] else set()
        node = self.tries[part]
        index = start
        while index < len(words):
            child = node.get(words[index])
            if not isinstance(child, dict):
                break
            node, index = child, index + 1
            if _END in node:
                found |= self.ends(words, index, part + 1, last)
        return found


class _ChainGroup:
    """Chains that start with the same part ('{100 groups}'): that part is walked once for all,
    and after it only the chains whose next part can start with the next word are tried (a
    group word repeated thousands of times would otherwise try every chain each time)."""

    def __init__(self, first: _Chain) -> None:
        self.first = first
        self.chains: list[_Chain] = []
        self.by_word: dict[str, list[_Chain]] = {}
        self.always: list[_Chain] = []  # chains whose remaining parts are all optional

    def add(self, chain: _Chain) -> None:
        self.chains.append(chain)
        if chain.optional_from(1):
            self.always.append(chain)
            return
        for word in chain.first_words(part=1):
            self.by_word.setdefault(word, []).append(chain)

    def hits(self, words: list[str], index: int) -> Iterator[tuple[int, str]]:
        """(end word index, label) of every chain matching from ``index``."""
        for middle in self.first.ends(words, index, part=0, last=1):
            following = self.by_word.get(words[middle], []) if middle < len(words) else []
            for chain in (*self.always, *following):
                for end in chain.ends(words, middle, part=1):
                    if end > index:
                        yield end, chain.label


_SKIP_UP_TO = 2  # fillers stepped over in a row: 'i just really want it to stop'


class WordMatcher:
    """Latin phrases and templates, matched word by word (see the module docstring)."""

    def __init__(self, entries: Iterable[tuple[str, str]], fillers: Iterable[str] = ()) -> None:
        self.root: Node = {}
        self.fillers = frozenset(phrase_skeleton(word).strip() for word in fillers)
        self.groups: dict[tuple[str, ...], _ChainGroup] = {}
        self.size = 0
        for template, label in entries:
            self._add(template, label)
        self.chains: dict[str, list[_ChainGroup]] = {}
        for group in self.groups.values():
            for word in group.first.first_words():
                self.chains.setdefault(word, []).append(group)
        self.first_words = frozenset(self.root) | frozenset(self.chains)

    def _add(self, template: str, label: str) -> None:
        parts = _parts(template)
        if math.prod(len(expand(part)) for part in parts) <= _EXPAND_UP_TO:
            for phrase in expand(template):
                words = phrase_skeleton(phrase).split()
                if words and not (len(words) == 1 and len(words[0]) < 2):
                    for joined in joinings(words):
                        _insert(self.root, joined, label)
                    self.size += 1
            return
        choices = [[phrase_skeleton(choice) for choice in expand(part)] for part in parts]
        chain = _Chain(choices, label)
        key = tuple(sorted(choices[0]))
        self.groups.setdefault(key, _ChainGroup(chain)).add(chain)
        self.size += math.prod(len(expand(part)) for part in parts)

    def hits(self, form: str) -> list[Hit]:
        """Every match, in text order (a set intersection finds where phrases may start; the walk
        is inlined: this loop is the hot path of screening)."""
        words, starts, ends, where = tokens(form)
        root, chains, fillers = self.root, self.chains, self.fillers
        count = len(words)
        found: list[Hit] = []
        for word in self.first_words.intersection(where):
            first = root.get(word)
            groups = chains.get(word, ())
            for index in where[word]:
                node, position = first, index
                while node is not None:
                    position += 1
                    labels = node.get(_END)  # type: ignore[union-attr]
                    if labels:
                        found += [Hit(starts[index], ends[position - 1], label) for label in labels]
                    if position >= count:
                        break
                    child = node.get(words[position])  # type: ignore[union-attr]
                    if fillers and words[position] in fillers:
                        skipped, past = _skip(node, words, position, fillers)  # type: ignore[arg-type]
                        if child is None:
                            position, child = skipped, past
                        elif past is not None:  # the filler is a phrase word too: follow both
                            found += _walk(past, skipped, index, tokens(form), fillers)
                    node = child  # type: ignore[assignment]
                for group in groups:
                    found += [Hit(starts[index], ends[end - 1], label)
                              for end, label in group.hits(words, index)]
        found.sort()
        return found


def _walk(node: Node, position: int, start: int, text: Tokens, fillers: frozenset[str]) -> list[Hit]:
    """The walk of ``WordMatcher.hits`` (inlined there: the hot path) from a node onwards, for the
    rare second path past a filler that is also a phrase word."""
    words, starts, ends = text.words, text.starts, text.ends
    hits: list[Hit] = []
    current: Node | None = node
    while current is not None:
        position += 1
        labels = current.get(_END)
        if labels:
            hits += [Hit(starts[start], ends[position - 1], label) for label in labels]  # type: ignore[union-attr]
        if position >= len(words):
            break
        child = current.get(words[position])
        if words[position] in fillers:
            skipped, past = _skip(current, words, position, fillers)
            if child is None:
                position, child = skipped, past
            elif past is not None:
                hits += _walk(past, skipped, start, text, fillers)
        current = child  # type: ignore[assignment]
    return hits


def _skip(node: Node, words: list[str], position: int, fillers: frozenset[str]) -> tuple[int, Node | None]:
    """Past up to ``_SKIP_UP_TO`` fillers at ``position``: (the index of the phrase word after
    them, its node), or (position, None) when no phrase word follows them."""
    index = position
    while index < len(words) and index - position < _SKIP_UP_TO and words[index] in fillers:
        index += 1
        child = node.get(words[index]) if index < len(words) else None
        if isinstance(child, dict):
            return index, child
    return position, None


def _parts(template: str) -> list[str]:
    """A template split at the spaces outside braces: '{a,b} are {x,y z}' -> 3 parts."""
    parts, depth, current = [], 0, ""
    for char in template:
        depth += char == "{"
        depth -= char == "}"
        if char == " " and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


class PhraseBook:
    def __init__(self, entries: Iterable[tuple[str, str]], fillers: Iterable[str] = ()) -> None:
        """``entries``: (brace template or phrase, label); Latin ones word by word, Japanese
        ones as substrings (a template is one or the other, by its first character).
        ``fillers``: Latin words a phrase may have in between (see the module docstring)."""
        latin: list[tuple[str, str]] = []
        self.labels: dict[str, list[str]] = {}  # Japanese phrase -> its labels (a word may be two things)
        for template, label in entries:
            if any(is_cjk(char) for char in template):
                for phrase in expand(template):
                    labels = self.labels.setdefault(phrase_skeleton(phrase).strip(), [])
                    if label not in labels:
                        labels.append(label)
            else:
                latin.append((template, label))
        self.latin = WordMatcher(latin, fillers)
        self.japanese = compile_phrases(sorted(self.labels)) if self.labels else None

    def __len__(self) -> int:
        return self.latin.size + len(self.labels)

    def hits(self, form: str) -> Iterator[Hit]:
        yield from self.latin.hits(form)
        if self.japanese is not None and not form.isascii():
            for match in self.japanese.finditer(form):
                start = match.start() + match.group().startswith(" ")  # 'odした' starts with a word
                for label in self.labels.get(match.group().strip(), [""]):
                    yield Hit(start, match.end(), label)

    def search(self, form: str) -> bool:
        return next(self.hits(form), None) is not None


def labelled(label: str, templates: Iterable[str]) -> list[tuple[str, str]]:
    return [(template, label) for template in templates]


class Spans:
    """Spans, asked 'does this overlap one?' by bisect (they may overlap each other)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _end in self.spans]
        self.longest = max((end - start for start, end in self.spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        # Any span starting before ``end`` and no further back than the longest span can reach.
        index = bisect.bisect_left(self.starts, start - self.longest)
        for span_start, span_end in self.spans[index:]:
            if span_start >= end:
                return False
            if span_end > start:
                return True
        return False
