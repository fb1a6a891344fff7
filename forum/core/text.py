"""The one text normalisation: what screening (and search) compare, whatever the member typed.

Two forms, each with a way back to the member's own characters:

- ``normalise``: every character on its own, so offsets map back one source character at a
  time: invisible and format characters (Unicode Cf, variation selectors, Hangul fillers,
  combining grapheme joiner, controls) removed; line breaks and other spaces as " "; NFKC
  (full-width to ASCII, half-width kana to full-width); casefolded; accents stripped from
  Latin, Greek and Cyrillic letters (never from kana: ジ keeps its dakuten); confusable
  letters (Cyrillic 'а', mathematical '𝐤', ...) mapped to their Latin skeleton from the
  Unicode confusables data (the ``confusable_homoglyphs`` package). Kana and CJK stay as
  they are: they are the skeleton of Japanese.
- ``skeleton``: ``normalise`` plus the disguises people use on phrases: leetspeak inside words
  (``k1ll``, ``$uicide``), spaced-out letters of any length (``d i e``, ``k.i.l.l``),
  punctuation and digits as one space, sentence ends as ".", repeated letters collapsed
  (``kiiiill`` and ``kill`` are both ``kil``), spaces between CJK characters dropped. It starts
  with a space, so every Latin word is preceded by one. Katakana become hiragana there.

``skeleton_map(text)`` / ``normalise_map(text)`` return a ``MappedText`` whose ``original(start,
end)`` is the member's text behind a match, so moderators read their words, not ours.

Speed: the fast forms are ``str.translate`` with a lazily filled table plus a few regex passes
that start with a literal or a character class (linear, one scan each). The mapped forms do
the same work with offset bookkeeping; callers build them only for what they quote.
"""

from __future__ import annotations

import json
import re
import string
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Han (with iteration marks), kana, Hangul: scripts written without spaces between words.
CJK = (
    "\u3005-\u3007\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\U00020000-\U0002fa1f"
)
_CJK_CHAR = re.compile(f"[{CJK}]")
LATIN = "0-9a-z\u00df-\u024f"
SENTENCE_ENDS = ".!?。！？"

_INVISIBLE_RANGES = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF), (0x180B, 0x180F))
_INVISIBLE = {0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x17B4, 0x17B5, 0x2800, 0x061C}
# Letters without a decomposition, and Cyrillic look-alikes the confusables data leaves out.
_NO_DECOMPOSITION = {"ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe",
                     "þ": "th", "ð": "d", "ŧ": "t", "ŀ": "l", "к": "k", "м": "m", "т": "t", "в": "b",
                     "н": "h", "ш": "w", "ѕ": "s", "і": "i", "ј": "j"}
_SOUND_MARKS = "\u3099\u309a"


def is_cjk(char: str) -> bool:
    """A character of a script written without spaces (Japanese, Chinese, Korean)."""
    return _CJK_CHAR.match(char) is not None


def has_cjk(text: str) -> bool:
    return _CJK_CHAR.search(text) is not None


def fold(text: str) -> str:
    """NFKC + casefold only (what search indexes today)."""
    return unicodedata.normalize("NFKC", text).casefold()


@lru_cache(maxsize=1)
def _confusables() -> dict[str, str]:
    """Each non-ASCII look-alike of an ASCII letter or digit -> that character (kana/CJK kept)."""
    data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text(
        encoding="utf-8"))
    latin: dict[str, str] = {}
    for target in string.ascii_lowercase + string.digits:
        for entry in data.get(target, []) + data.get(target.upper(), []):
            glyph = entry["c"]
            if len(glyph) == 1 and not glyph.isascii() and not is_cjk(glyph):
                latin.setdefault(glyph, target)
    return latin


def _invisible(char: str) -> bool:
    code = ord(char)
    return (unicodedata.category(char) in ("Cf", "Cc", "Cs", "Co", "Cn") or code in _INVISIBLE
            or any(low <= code <= high for low, high in _INVISIBLE_RANGES))


def _latin_skeleton(char: str) -> str:
    confusables = _confusables()
    letters = unicodedata.normalize("NFKD", char)
    letters = "".join(c for c in letters if not unicodedata.combining(c)) or char
    letters = unicodedata.normalize("NFKC", letters).casefold()
    return "".join(_NO_DECOMPOSITION.get(c) or confusables.get(c, c) for c in letters)


def _normal_char(char: str) -> str:
    """What one source character becomes in ``normalise`` (may be "", or several characters)."""
    if char.isspace() or unicodedata.category(char) in ("Zl", "Zp", "Zs"):
        return " "
    if _invisible(char):
        return ""
    if char.isascii():
        return char.lower()
    if is_cjk(char) or char in _SOUND_MARKS:
        return unicodedata.normalize("NFKC", char)
    return _latin_skeleton(char)


class _Table(dict[int, str]):
    """A ``str.translate`` table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _normal_char(chr(code))
        return value


_TABLE = _Table()
_KANA_WITH_MARK = re.compile(f"[\u3040-\u30ff][{_SOUND_MARKS}]")


def _compose_kana(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFC", match.group())


# ---------------------------------------------------------------------------------------------
# Stages: a regex and its replacement, or a one-for-one table; run plainly for matching, with
# offsets for quoting. Every regex starts with a literal or a character class (one fast scan).

Replacement = Callable[[re.Match[str]], str] | str
Stage = tuple[re.Pattern[str], Replacement] | dict[int, str]

_LEET_CHARS = "013457@$!|+"
_LEET = str.maketrans(dict(zip(_LEET_CHARS, "oieastasilt", strict=True)))
_LEET_CLASS = f"[{re.escape(_LEET_CHARS)}]"
# Leet characters inside or at the end of a word (k1ll, su1c1d3, d13), or leading one (5elf,
# $uicide, 1d10t): a whole run of them at once, so 'k1k1k1...' is one match.
_LEET_REST = rf"(?:[a-z]+(?:{_LEET_CLASS}+[a-z]+)*[013457$]*(?![a-z]))?"
_LEET_RUN = re.compile(
    rf"[013457@$!|+](?:(?<=[a-z].){_LEET_CLASS}*(?=[a-z]){_LEET_REST}"  # inside a word: k1ll, su1c1d3
    rf"|(?<=[a-z].)(?<=[013457$])[013457$]*(?![a-z0-9])"  # digits ending a word: d13
    rf"|(?<=[015$@])(?<![{LATIN}@$].){_LEET_CLASS}*(?=[a-z]){_LEET_REST})"  # leading: $uicide, 1d10t
)
# Single letters with the same separator between them, found from the first separator:
# "d i e", "s.u.i.c.i.d.e", "k-i-l-l" (3 letters at least; 'u r a' is text-speak, see below).
_SPACED_LETTERS = re.compile(r"([ .\-_*·,'/|~+])(?<=(?<![a-z])[a-z].)[a-z](?![a-z])(?:\1[a-z](?![a-z]))+")
# Spelled-out words with wider gaps between them: "w a n t   t o   d i e" (two-letter words too).
_SPACED_WORDS = re.compile(r" [a-z](?: {1,4}[a-z](?![a-z])){3,}")
_TEXT_SPEAK = set("aiuryoc")  # 'u r a', 'r u o k': single-letter words, not a spelled-out word
_NOT_LETTER = re.compile(r"[^a-z]")
_DOTS = re.compile(r"\.[ .]*")
_SPACES = re.compile(r"  +")
_REPEATED_LETTER = re.compile(r"([a-z])\1+")  # kiiill -> kil
# Contractions typed without the apostrophe ('dont', 'wasnt', 'im'), written as the apostrophe
# would have left them ('don t'), so one phrase matches both. Only words that are nothing else
# ('ill', 'its', 'were' are words of their own). After repeated letters are collapsed.
_NOT_STEMS = ("don", "can", "won", "isn", "aren", "wasn", "weren", "didn", "doesn", "wouldn", "couldn",
              "shouldn", "haven", "hasn", "hadn", "ain", "mustn")
_CONTRACTIONS = {
    **{f"{stem}t": f"{stem} t" for stem in _NOT_STEMS},
    "im": "i m", "ive": "i ve", "youre": "you re", "youve": "you ve", "theyre": "they re",
    "theyve": "they ve", "weve": "we ve", "thats": "that s", "whats": "what s", "theres": "there s",
}
_CONTRACTION = re.compile(r" (" + "|".join(_CONTRACTIONS) + r")(?![a-z])")
_SPACE_BETWEEN_CJK = re.compile(f" (?<=[{CJK}] )(?=[{CJK}])")
# Katakana as hiragana (one for one): じさつ, ジサツ and ｼﾞｻﾂ are one word.
_KANA = str.maketrans({chr(code): chr(code - 0x60) for code in range(0x30A1, 0x30F7)})


def _leet(match: re.Match[str]) -> str:
    return match.group().translate(_LEET)


def _expand_contraction(match: re.Match[str]) -> str:
    return " " + _CONTRACTIONS[match.group(1)]


def _unspace(match: re.Match[str]) -> str:
    letters = _NOT_LETTER.sub("", match.group()[1:])
    first = match.string[match.start() - 1]
    if len(letters) == 2 and set(first + letters) <= _TEXT_SPEAK:
        return match.group()
    return letters


def _unspace_words(match: re.Match[str]) -> str:
    text = match.group()
    if "  " not in text:
        return text  # one space throughout: the next stage decides
    return " " + " ".join(word.replace(" ", "") for word in re.split(r" {2,}", text.strip()))


class _WordTable(dict[int, str]):
    """Letters (any script), digits-as-space, sentence ends as '.', everything else a space."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in SENTENCE_ENDS:
            value = "."
        elif is_cjk(char) or (char.isalpha() and char.isascii()) or "\u00df" <= char <= "\u024f":
            value = char
        else:
            value = " "
        self[code] = value
        return value


_WORDS = _WordTable()

_SKELETON_STAGES: tuple[Stage, ...] = (
    (_LEET_RUN, _leet),
    (_SPACED_WORDS, _unspace_words),
    (_SPACED_LETTERS, _unspace),
    _WORDS,
    (_DOTS, ". "),
    (_SPACES, " "),
    (_REPEATED_LETTER, r"\1"),  # fast path: _collapse_repeats
    (_CONTRACTION, _expand_contraction),
    (_SPACE_BETWEEN_CJK, ""),
    _KANA,
)


def _translate(text: str, table: dict[int, str]) -> str:
    """``str.translate``; on non-ASCII text one ``replace`` per distinct character that changes
    (much faster than translate's per-character lookups there)."""
    if text.isascii():
        return text.translate(table)
    lazy = isinstance(table, _Table | _WordTable)
    for char in set(text):
        new = table[ord(char)] if lazy else table.get(ord(char), char)
        if new != char:
            text = text.replace(char, new)
    return text


def _run(stage: Stage, form: str) -> str:
    if isinstance(stage, dict):
        return _translate(form, stage)
    pattern, replace = stage
    if pattern is _REPEATED_LETTER:
        return _collapse_repeats(form)
    return pattern.sub(replace, form)


def _collapse_repeats(form: str) -> str:
    """What ``_REPEATED_LETTER`` does, with ``str.replace`` (a regex is slow at every letter)."""
    for letter in string.ascii_lowercase:
        double = letter + letter
        while double in form:
            form = form.replace(double, letter)
    return form


def _compose_all_kana(form: str) -> str:
    for pair in set(_KANA_WITH_MARK.findall(form)):
        form = form.replace(pair, unicodedata.normalize("NFC", pair))
    return form


@lru_cache(maxsize=64)
def normalise(text: str) -> str:
    """Each character normalised on its own (see the module docstring)."""
    form = _translate(text, _TABLE)
    if "\u3099" in form or "\u309a" in form:
        form = _compose_all_kana(form)
    return form


@lru_cache(maxsize=64)
def skeleton(text: str) -> str:
    """``normalise`` with leetspeak, spacing, punctuation and repeated letters undone."""
    form = " " + normalise(text)
    for stage in _SKELETON_STAGES:
        form = _run(stage, form)
    return form.rstrip(" ") or " "


@dataclass(frozen=True)
class MappedText:
    """A normalised form and, for each of its characters, where it came from in ``source``."""

    text: str
    source: str
    starts: tuple[int, ...]  # starts[i]: index in source of text[i]; one more entry: len(source)

    def original(self, start: int, end: int) -> str:
        """The source characters behind text[start:end] (the member's own words)."""
        if end <= start:
            return ""
        first = self.starts[start]
        # Up to where the next character comes from: so collapsed letters ('hopeless' ->
        # 'hopeles') and removed invisible characters at the end are quoted too.
        last = max(max(self.starts[start:end]) + 1, self.starts[end] if end < len(self.starts) else 0)
        return self.source[first:last].strip()


def _tracked_sub(pattern: re.Pattern[str], replace: Replacement, text: str,
                 starts: list[int]) -> tuple[str, list[int]]:
    parts: list[str] = []
    mapped: list[int] = []
    position = 0
    for match in pattern.finditer(text):
        parts.append(text[position:match.start()])
        mapped.extend(starts[position:match.start()])
        if isinstance(replace, str):
            replacement = match.expand(replace) if "\\" in replace else replace
        else:
            replacement = replace(match)
        parts.append(replacement)
        mapped.extend([starts[match.start()]] * len(replacement))
        position = match.end()
    parts.append(text[position:])
    mapped.extend(starts[position:])
    return "".join(parts), mapped


def _normalise_tracked(text: str) -> tuple[str, list[int]]:
    table = _TABLE
    pieces = [table[ord(char)] for char in text]
    starts = [index for index, piece in enumerate(pieces) for _ in piece]
    form = "".join(pieces)
    starts.append(len(text))
    if "\u3099" in form or "\u309a" in form:
        form, starts = _tracked_sub(_KANA_WITH_MARK, _compose_kana, form, starts)
    return form, starts


def normalise_map(text: str) -> MappedText:
    form, starts = _normalise_tracked(text)
    return MappedText(form, text, tuple(starts))


def skeleton_map(text: str) -> MappedText:
    """``skeleton(text)`` with the way back to ``text`` (equal to ``skeleton``'s string)."""
    form, starts = _normalise_tracked(text)
    form, starts = " " + form, [0, *starts]
    for stage in _SKELETON_STAGES:
        if isinstance(stage, dict):
            form = _translate(form, stage)  # one for one: offsets unchanged
        else:
            form, starts = _tracked_sub(*stage, form, starts)
    kept = len(form.rstrip(" ")) or 1
    return MappedText(form[:kept], text, (*starts[:kept], len(text)))


def phrase_skeleton(phrase: str) -> str:
    """A phrase as ``skeleton`` writes it, spaces kept as they are (for compiling word lists)."""
    form = " " + _collapse_repeats(phrase.lower()).translate(_KANA)
    return _CONTRACTION.sub(_expand_contraction, form)[1:]


def original_words(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The member's own characters behind each ``skeleton(text)[start:end]``.

    Maps only a prefix of the text long enough to cover the spans (skeleton stages are local),
    so quoting the first findings of a long post stays cheap.
    """
    if not spans:
        return []
    form = skeleton(text)
    end = max(end for _start, end in spans)
    length = end + 256
    while True:
        mapped = skeleton_map(text[:length])
        if length >= len(text) or len(mapped.text) > end + 64:
            break
        length *= 4
    return [mapped.original(start, end) if mapped.text[start:end] == form[start:end]
            else form[start:end].strip() for start, end in spans]


# ---------------------------------------------------------------------------------------------
# Pseudonyms: one key for names that look alike (UTS #39 skeleton, restricted to what a name
# may contain), and the scripts a name mixes.

# ASCII look-alikes the confusables table leaves to the reader ('0' and 'o', '1' and 'l'); 'I'
# and 'l' stay apart, or case would count ('Ivy' and 'ivy' must be one name).
_NAME_LOOKALIKES = str.maketrans({"0": "o", "1": "l", "_": None, "-": None, ".": None})
_LETTER_PAIRS = (("rn", "m"), ("vv", "w"))
# Scripts a Japanese, Chinese or Korean name mixes with Latin (UTS #39 "highly restrictive").
_SCRIPT_SETS = ({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}, {"LATIN", "HAN", "HANGUL"},
                {"LATIN", "HAN", "BOPOMOFO"})


def is_invisible(char: str) -> bool:
    """A default-ignorable, format or control character (U+200B, U+3164 Hangul filler, ...)."""
    return _invisible(char)


def name_skeleton(name: str) -> str:
    """The uniqueness key of a pseudonym: 'sora_mod', 'SORA-MOD', 'sоra_mоd' (Cyrillic о),
    'ѕora.mod', 'sorα_mod', 'sorа_mod' and 'ｓｏｒａ＿ｍｏｄ' are one name. Separators and
    invisible characters do not count; '0'/'o', '1'/'l', 'rn'/'m' are one letter."""
    form = normalise(unicodedata.normalize("NFKC", name))
    form = form.replace(" ", "").translate(_NAME_LOOKALIKES)
    for pair, letter in _LETTER_PAIRS:
        form = form.replace(pair, letter)
    return form


def script_of(char: str) -> str | None:
    """The script of a letter (LATIN, CYRILLIC, GREEK, HAN, HIRAGANA, ...); None for digits,
    punctuation and marks shared by all scripts."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    if name.startswith("KATAKANA-HIRAGANA"):  # the long-vowel mark: either kana
        return None
    if name.startswith("CJK ") or "IDEOGRAPH" in name:
        return "HAN"
    return name.split(" ")[0] or None


def mixes_scripts(name: str) -> bool:
    """Does ``name`` mix scripts no one writes together (Latin with Cyrillic or Greek, ...)?"""
    scripts = {script_of(c) for c in unicodedata.normalize("NFKC", name)} - {None}
    return len(scripts) > 1 and not any(scripts <= allowed for allowed in _SCRIPT_SETS)
