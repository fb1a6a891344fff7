"""A member's score history as a server-rendered SVG line chart (no JavaScript, no inline CSS).

One line per score on a shared axis; time runs left to right in proportion; the primary score's
bands are shaded. The chart has a <title> and <desc> for screen readers, and every point a
<title> with its date and value; the page also shows the same data as a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup, escape

from forum.core.api import local_time_text

from .instruments import Band, Instrument, ScoreDef, wording
from .scoring import format_score

# Drawn at about a phone's content width, so text stays >= 12 CSS px on a 320 px screen (the
# drawing only grows on wider ones); band names sit inside their band.
WIDTH, HEIGHT = 300, 230
LEFT, RIGHT, TOP, BOTTOM = 30, 8, 8, 44
FONT = 13
# Colour and dash pattern differ per line, so lines can be told apart without colour too.
STROKES = (("#1f5fa8", ""), ("#8a4b00", "8 5"), ("#1d6b3a", "2 4"), ("#a1262b", "12 4 2 4"))
BAND_FILL = "#1f5fa8"


@dataclass(frozen=True)
class Point:
    taken_at: datetime
    scores: dict[str, float | None]


def _ticks(low: float, high: float) -> list[float]:
    span = high - low
    step = next((s for s in (1, 2, 5, 10, 20, 50, 100) if span / s <= 8), span or 1)
    first = low - low % step if low % step else low
    return [first + i * step for i in range(int((high - first) // step) + 1)]


class _Frame:
    """Maps dates and values to pixels inside the plot area."""

    def __init__(self, points: list[Point], low: float, high: float) -> None:
        self.start = points[0].taken_at
        self.seconds = (points[-1].taken_at - self.start).total_seconds()
        self.low, self.high = low, high

    def x(self, when: datetime) -> float:
        width = WIDTH - LEFT - RIGHT
        if self.seconds == 0:
            return LEFT + width / 2
        return LEFT + width * (when - self.start).total_seconds() / self.seconds

    def y(self, value: float) -> float:
        height = HEIGHT - TOP - BOTTOM
        return TOP + height * (self.high - value) / ((self.high - self.low) or 1)


def history_chart(instrument: Instrument, points: list[Point], language: str, title: str,
                  desc: str) -> Markup:
    """The SVG for ``points`` (oldest first); ``title`` and ``desc`` describe it in words."""
    ranges = [instrument.score_range(score) for score in instrument.scores]
    frame = _Frame(points, min(r[0] for r in ranges), max(r[1] for r in ranges))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{escape(title)}</title><desc id="chart-desc">{escape(desc)}</desc>',
        *_bands(instrument, instrument.bands_for(instrument.primary.id), frame, language),
        *_axes(frame, points),
    ]
    for index, score in enumerate(instrument.scores):
        parts.extend(_line(score, index, points, frame, language))
    if len(instrument.scores) > 1:
        parts.extend(_legend(instrument.scores, language))
    parts.append("</svg>")
    return Markup("".join(parts))


def _bands(instrument: Instrument, bands: tuple[Band, ...], frame: _Frame, language: str) -> list[str]:
    parts = []
    top_value = instrument.score_range(instrument.primary)[1]
    for index, band in enumerate(bands):
        # Whole-number scores: a band covers min-0.5 .. next min-0.5, so a score on a band's
        # edge (10 = "moderate") sits inside its band, never on the line between two.
        upper = bands[index + 1].min - 0.5 if index + 1 < len(bands) else top_value
        lower = max(band.min - 0.5, frame.low)
        y_top, y_bottom = frame.y(upper), frame.y(lower)
        opacity = 0.03 + 0.05 * index  # darker as the band gets more severe
        parts.append(f'<rect x="{LEFT}" y="{y_top:.1f}" width="{WIDTH - LEFT - RIGHT}" '
                     f'height="{y_bottom - y_top:.1f}" fill="{BAND_FILL}" fill-opacity="{opacity:.2f}"/>')
        parts.append(f'<text class="band" x="{WIDTH - RIGHT - 4}" y="{(y_top + y_bottom) / 2 + 4:.1f}" '
                     f'font-size="{FONT}" text-anchor="end" fill="#4d5566">'
                     f'{escape(wording(band.label, language))}</text>')
    return parts


def _axes(frame: _Frame, points: list[Point]) -> list[str]:
    bottom = HEIGHT - BOTTOM
    parts = [f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}" stroke="#4d5566"/>',
             f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" stroke="#4d5566"/>']
    for value in _ticks(frame.low, frame.high):
        y = frame.y(value)
        parts.append(f'<line x1="{LEFT - 4}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
                     'stroke="#d5d8de"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" font-size="{FONT}" text-anchor="end" '
                     f'fill="#1d2330">{format_score(value)}</text>')
    # Dates under the first and the last point only, so labels never overlap.
    labels = [(points[0], "middle")] if frame.seconds == 0 else [(points[0], "start"), (points[-1], "end")]
    for point, anchor in labels:
        day = local_time_text(point.taken_at, "date")  # the reader's day, as on every page
        parts.append(f'<text x="{frame.x(point.taken_at):.1f}" y="{bottom + 18}" font-size="{FONT}" '
                     f'text-anchor="{anchor}" fill="#1d2330">{day}</text>')
    return parts


def _line(score: ScoreDef, index: int, points: list[Point], frame: _Frame, language: str) -> list[str]:
    colour, dashes = STROKES[index % len(STROKES)]
    placed = [(point, frame.x(point.taken_at), frame.y(value))
              for point in points if (value := point.scores.get(score.id)) is not None]
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    parts = []
    if len(placed) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for _, x, y in placed)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>')
    label = wording(score.label, language)
    for point, x, y in placed:
        value = format_score(point.scores[score.id])
        day = local_time_text(point.taken_at, "date")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}">'
                     f'<title>{day}: {escape(label)} {value}</title></circle>')
    return parts


def _legend(scores: tuple[ScoreDef, ...], language: str) -> list[str]:
    parts = []
    y = HEIGHT - 4
    for index, score in enumerate(scores):
        colour, dashes = STROKES[index % len(STROKES)]
        x = LEFT + index * 135
        dash = f' stroke-dasharray="{dashes}"' if dashes else ""
        parts.append(f'<line x1="{x}" y1="{y - 4}" x2="{x + 28}" y2="{y - 4}" stroke="{colour}" '
                     f'stroke-width="2.5"{dash}/>')
        parts.append(f'<text x="{x + 34}" y="{y}" font-size="{FONT}" fill="#1d2330">'
                     f'{escape(wording(score.label, language))}</text>')
    return parts
