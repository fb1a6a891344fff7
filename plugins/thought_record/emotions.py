"""Emotions of a thought record: names, intensities before and after, and the change."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from forum.core.api import Item

MIN_INTENSITY, MAX_INTENSITY = 0, 100
# Member text is screened as text fields; the names travel as one field, one name per line.
NAMES_FIELD = "emotion_names"
_WHOLE_NUMBER = re.compile(r"\d{1,3}", re.ASCII)


def parse_intensity(raw: str | None) -> int | None:
    """0-100 from what a member typed ("80", full-width "８０"), else None."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not _WHOLE_NUMBER.fullmatch(text):
        return None
    value = int(text)
    return value if MIN_INTENSITY <= value <= MAX_INTENSITY else None


@dataclass(frozen=True)
class Emotion:
    name: str
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before

    @property
    def change_text(self) -> str:
        """Signed change with a true minus sign: "−35", "+10", "±0"."""
        if self.change == 0:
            return "±0"
        return f"+{self.change}" if self.change > 0 else f"\u2212{-self.change}"

    def as_data(self) -> dict[str, Any]:
        return {"name": self.name, "before": self.before, "after": self.after}


def emotions_of(item: Item) -> list[Emotion]:
    """The rated emotions stored on a record (tolerant of hand-edited data)."""
    rows = (item.data or {}).get("emotions") or []
    found = []
    for row in rows:
        before, after = parse_intensity(str(row.get("before"))), parse_intensity(str(row.get("after")))
        if isinstance(row.get("name"), str) and before is not None and after is not None:
            found.append(Emotion(row["name"], before, after))
    return found


def names_text(emotions: list[Emotion]) -> str:
    return "\n".join(emotion.name for emotion in emotions)


def sync_emotion_names(item: Item) -> None:
    """Copy the screened (possibly censored) names back onto the rated list."""
    data = dict(item.data or {})
    names = str(data.get(NAMES_FIELD, "")).split("\n")
    rows = data.get("emotions") or []
    if len(names) != len(rows):
        return
    data["emotions"] = [{**row, "name": name} for row, name in zip(rows, names, strict=True)]
    item.data = data
