"""Text analysis for search, shared by every backend: terms, queries and highlighted snippets.

Text is first put through the core's one normalisation (``forum.core.api.normalise``: NFKC,
case-folded, invisible characters removed, accents and look-alike letters folded), the same
that screening reads, so 'café', 'cafe' and 'ｃａｆé' are one term, and a zero-width space
cannot hide a word from search.

Japanese has no spaces, so a CJK run is indexed as overlapping character bigrams (plus its
last character alone, so that a one-character query can match as a prefix); Latin text is
lower-cased words, stemmed. Both backends store exactly these terms, so they find the same
items, and the highlighter marks exactly the terms the index matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape
from whoosh.lang.porter import stem

from forum.core.api import CJK, normalise, normalise_map

TOKEN = re.compile(rf"(?P<cjk>[{CJK}]+)|(?P<word>[^\W_{CJK}]+)")
ASCII_WORD = re.compile(r"[a-z]+")
MAX_TERM = 60  # longer "words" (pasted hashes, long URLs) are noise in a peer-support forum
@dataclass(frozen=True)
class Token:
    term: str
    start: int
    end: int


@dataclass(frozen=True)
class SearchQuery:
    """What the member typed, as index terms: every term must match (AND)."""

    text: str
    terms: tuple[str, ...]  # exact terms
    prefixes: tuple[str, ...]  # single CJK characters: match any term starting with them

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.prefixes


class QueryTooLong(ValueError):
    """The query is longer than the configured maximum."""


def normalize(text: str) -> str:
    """The core's normalisation (full-width letters to ASCII, half-width kana to full-width,
    case-folded, invisible characters dropped, accents folded)."""
    return normalise(text)


@lru_cache(maxsize=100_000)
def _latin_term(word: str) -> str:
    return stem(word) if ASCII_WORD.fullmatch(word) else word


def _cjk_tokens(run: str, offset: int) -> Iterator[Token]:
    last = len(run) - 1
    for index in range(last):
        yield Token(run[index:index + 2], offset + index, offset + index + 2)
    yield Token(run[last], offset + last, offset + last + 1)


def tokens(normalized: str) -> Iterator[Token]:
    """Terms with their offsets in ``normalized`` text (see ``normalize``)."""
    for match in TOKEN.finditer(normalized):
        if match.lastgroup == "cjk":
            yield from _cjk_tokens(match.group(), match.start())
        elif len(match.group()) <= MAX_TERM:
            yield Token(_latin_term(match.group()), match.start(), match.end())


def terms(text: str) -> list[str]:
    """The index terms of a text, in order (repeats kept: they count for ranking).

    The terms of ``tokens`` without their offsets, built without a ``Token`` each: a rebuild
    of 100,000 posts analyses some fifteen million of them.
    """
    found: list[str] = []
    for match in TOKEN.finditer(normalize(text)):
        run = match.group()
        if match.lastgroup == "cjk":
            found += [run[index:index + 2] for index in range(len(run) - 1)]
            found.append(run[-1])
        elif len(run) <= MAX_TERM:
            found.append(_latin_term(run))
    return found


def parse_query(text: str, max_length: int) -> SearchQuery:
    """Plain terms, AND semantics. Never raises on odd input (quotes, colons, brackets, ...).

    Operators are not a syntax here: "a OR b" looks for all three words, as it reads.
    """
    if len(text) > max_length:
        raise QueryTooLong(text)
    exact: dict[str, None] = {}
    prefixes: dict[str, None] = {}
    for match in TOKEN.finditer(normalize(text)):
        found = match.group()
        if match.lastgroup == "word":
            if len(found) <= MAX_TERM:
                exact[_latin_term(found)] = None
        elif len(found) == 1:
            prefixes[found] = None
        else:
            exact.update(dict.fromkeys(found[i:i + 2] for i in range(len(found) - 1)))
    return SearchQuery(text, tuple(exact), tuple(prefixes))


# Highlighting -----------------------------------------------------------------------------


def _normalize_with_offsets(text: str) -> tuple[str, list[int], list[int]]:
    """Normalise ``text`` keeping, for each output character, its source span."""
    mapped = normalise_map(text)
    starts = list(mapped.starts)
    # A character ends where the next one starts (a composed kana takes its sound mark along);
    # one that expanded ('㎏' -> 'kg') ends after its own source character.
    ends = [max(starts[i] + 1, starts[i + 1]) for i in range(len(mapped.text))]
    return mapped.text, starts[:-1], ends


def _matches(token: Token, query: SearchQuery, exact: frozenset[str]) -> int:
    """How many characters of ``token`` the query matched (0: none)."""
    if token.term in exact:
        return token.end - token.start
    return 1 if token.term[0] in query.prefixes else 0


def match_spans(text: str, query: SearchQuery) -> list[tuple[int, int]]:
    """Merged (start, end) spans of ``text`` that match a query term."""
    normalized, starts, ends = _normalize_with_offsets(text)
    exact = frozenset(query.terms)
    spans: list[tuple[int, int]] = []
    for token in tokens(normalized):
        width = _matches(token, query, exact)
        if not width:
            continue
        start, end = starts[token.start], ends[token.start + width - 1]
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _marked(text: str, spans: list[tuple[int, int]], start: int, end: int) -> Markup:
    """Escape ``text[start:end]`` first, then wrap the matched spans in <mark>."""
    out: list[str] = []
    cursor = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        out.append(escape(text[cursor:span_start]))
        out.append(Markup("<mark>%s</mark>") % text[span_start:span_end])
        cursor = span_end
    out.append(escape(text[cursor:end]))
    return Markup("").join(out)


def highlight(text: str, query: SearchQuery) -> Markup:
    """The whole ``text``, escaped, with matches marked (for short texts such as titles)."""
    return _marked(text, match_spans(text, query), 0, len(text))


def snippet(text: str, query: SearchQuery, width: int = 200, scan: int = 5000) -> Markup:
    """About ``width`` characters around the first match, escaped, matches marked."""
    text = " ".join(text[:scan].split())
    spans = match_spans(text, query)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - width // 4, len(text) - width))
    end = min(len(text), start + width)
    body = _marked(text, spans, start, end)
    before = "… " if start > 0 else ""
    after = " …" if end < len(text) else ""
    return Markup("").join([before, body, after])
