"""The U2Cycle drawing: box geometry, arrows, and text wrapped to fit each box.

Lines are measured in columns: a narrow character is one column, an East Asian wide or
full-width character two, so Japanese (which has no spaces) wraps by width, not by words.
The drawing is built from these values by a Jinja template, so member text is escaped there.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ELLIPSIS = "…"
# Japanese line-breaking rule (kinsoku): these never start a line; they hang on the line before.
NO_LINE_START = set("、。，．,.!?！？)]}）」』】〕〉》ー～…・:;：；"
                    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
NO_LINE_END = set("([{（「『【〔〈《")
_TOKENS = re.compile(r"\s+|\S")


def char_columns(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def columns(text: str) -> int:
    return sum(char_columns(char) for char in text)


def _tokens(text: str) -> list[str]:
    """Spaces, words of narrow characters, and single wide characters (break anywhere)."""
    tokens: list[str] = []
    for piece in _TOKENS.findall(text):
        joins_word = (tokens and not piece.isspace() and char_columns(piece) == 1
                      and not tokens[-1].isspace() and char_columns(tokens[-1][-1]) == 1
                      and piece not in NO_LINE_START)
        if joins_word:
            tokens[-1] += piece
        else:
            tokens.append(piece)
    return tokens


def _split_long(word: str, width: int) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and columns(current + char) > width:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current] if current else pieces


def _new_line(lines: list[str]) -> None:
    """Start a line, carrying over an opening bracket that must not end the previous one."""
    carried = ""
    while lines[-1] and lines[-1][-1] in NO_LINE_END:
        carried = lines[-1][-1] + carried
        lines[-1] = lines[-1][:-1]
    lines.append(carried)


def wrap(text: str, width: int) -> list[str]:
    """Greedy wrap to ``width`` columns; words stay whole unless longer than a line."""
    lines: list[str] = [""]
    for token in _tokens(" ".join(text.split())):
        if token.isspace():
            if lines[-1]:
                lines[-1] += " "
            continue
        if token in NO_LINE_START or columns(lines[-1] + token) <= width:
            lines[-1] += token
            continue
        for piece in _split_long(token, width):
            if columns(lines[-1] + piece) > width and lines[-1].strip():
                _new_line(lines)
            lines[-1] += piece
    return [line.rstrip() for line in lines if line.strip()]


def fit(text: str, width: int, max_lines: int) -> tuple[list[str], bool]:
    """The wrapped lines that fit in a box, and whether some text had to be left out."""
    lines = wrap(text, width)
    if len(lines) <= max_lines:
        return lines, False
    kept = lines[:max_lines]
    last = kept[-1]
    while last and columns(last) + columns(ELLIPSIS) > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + ELLIPSIS
    return kept, True


@dataclass(frozen=True)
class Box:
    key: str
    label: str
    x: int
    y: int
    width: int
    height: int
    fill: str
    lines: tuple[str, ...] = ()
    shortened: bool = False

    @property
    def center_x(self) -> int:
        return self.x + self.width // 2


@dataclass(frozen=True)
class Arrow:
    x1: int
    y1: int
    x2: int
    y2: int


FONT_SIZE = 14
LINE_HEIGHT = 18
LABEL_TOP = 22  # the box's label baseline below its top edge
TEXT_TOP = 42  # first text baseline below a box's top edge
TEXT_BOTTOM = 6  # room kept under the last baseline for descenders
PADDING = 6  # on each side of a line of text
COLUMNS_PER_PIXEL = 1 / 8  # a narrow character at 14px averages under 8 pixels; keep a margin
# Narrow enough that a phone shows the text near its real size (the SVG scales to fit).
WIDTH, HEIGHT = 360, 484

# (key, x, y, width, height, fill): the situation on top, then a square cycle run clockwise.
LAYOUT = (
    ("situation", 8, 8, 344, 92, "#eceef2"),
    ("thoughts", 8, 132, 156, 156, "#e8f0fb"),
    ("feelings", 196, 132, 156, 156, "#fbe9ec"),
    ("sensations", 196, 320, 156, 156, "#fff3dc"),
    ("behaviour", 8, 320, 156, 156, "#e3f3e8"),
)
ARROWS = (
    Arrow(86, 100, 86, 130),  # situation -> thoughts
    Arrow(164, 210, 194, 210),  # thoughts -> feelings
    Arrow(274, 288, 274, 318),  # feelings -> body
    Arrow(196, 398, 166, 398),  # body -> behaviour
    Arrow(86, 320, 86, 290),  # behaviour -> thoughts
)


@dataclass(frozen=True)
class Drawing:
    """Everything the SVG template needs; sizes are in SVG user units."""

    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...] = ARROWS
    width: int = WIDTH
    height: int = HEIGHT
    font_size: int = FONT_SIZE
    line_height: int = LINE_HEIGHT
    label_top: int = LABEL_TOP
    text_top: int = TEXT_TOP

    @property
    def shortened(self) -> bool:
        return any(box.shortened for box in self.boxes)


def layout(texts: dict[str, str], labels: dict[str, str]) -> Drawing:
    """Place each part's text in its box, wrapped and shortened to fit."""
    boxes = []
    for key, x, y, width, height, fill in LAYOUT:
        max_lines = (height - TEXT_TOP - TEXT_BOTTOM) // LINE_HEIGHT + 1
        room = int((width - 2 * PADDING) * COLUMNS_PER_PIXEL)
        lines, shortened = fit(texts.get(key, ""), room, max_lines)
        boxes.append(Box(key, labels[key], x, y, width, height, fill, tuple(lines), shortened))
    return Drawing(tuple(boxes))
