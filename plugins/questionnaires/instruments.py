"""Instruments as data: the TOML schema, its validator and the loaded, immutable definitions.

An instrument file holds an instrument's id, wording in every language it declares, response
options, items (reverse-coded or optional), scores (sum or mean of items), severity bands, the
missing-answer rule and alert rules. A score may say what it ``measures`` for other plugins
(``use:<function>`` for self-reported use of a function, ``length_of_use``). An adaptation file
(``adapts = "<id>"``) changes an instrument's wording and, where a community reads a subscale
differently, which items a score averages (``[scores.<id>] items = [...]``); never the options,
reverse coding or method. Any mistake stops start-up with a ``ConfigError`` naming the file, the
place and the fix.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from flask_babel import get_locale

from forum.core.api import ConfigError

LANGUAGES = ("en", "ja")
METHODS = ("sum", "mean")
MISSING_RULES = ("invalid", "prorate")
ALERT_ACTIONS = ("safety",)
ID_PATTERN = re.compile(r"^[a-z0-9_]{1,40}$")
RESERVED_IDS = frozenset({"results", "summary"})  # these are page names under /questionnaires/
MEASURES_PATTERN = re.compile(r"^(use:[a-z0-9_]{1,40}|length_of_use)$")

Text = Mapping[str, str]  # language -> wording


@dataclass(frozen=True)
class Option:
    value: int
    text: Text


@dataclass(frozen=True)
class Question:
    id: str
    number: int  # 1-based position, as members and moderators count
    text: Text
    reverse: bool = False
    optional: bool = False


@dataclass(frozen=True)
class ScoreDef:
    id: str
    label: Text
    method: str  # "sum" | "mean"
    items: tuple[str, ...]
    measures: str = ""  # "" (an outcome), "use:<function>" or "length_of_use"


@dataclass(frozen=True)
class Band:
    score: str
    id: str
    min: float  # lower edge, inclusive; the band ends where the next one starts
    label: Text
    meaning: Text
    see_doctor: bool = False


@dataclass(frozen=True)
class Alert:
    item: str
    above: int
    action: str = "safety"


@dataclass(frozen=True)
class MissingRule:
    rule: str = "invalid"
    max_missing: int = 0


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    languages: tuple[str, ...]
    citation: str
    title: Text
    instructions: Text
    interpretation: Text | None
    options: tuple[Option, ...]
    items: tuple[Question, ...]
    scores: tuple[ScoreDef, ...]
    bands: tuple[Band, ...]
    missing: MissingRule
    alerts: tuple[Alert, ...]
    source: str

    @property
    def low(self) -> int:
        return self.options[0].value

    @property
    def high(self) -> int:
        return self.options[-1].value

    @property
    def primary(self) -> ScoreDef:
        """The score charts, bands and summaries lead with (the first one declared)."""
        return self.scores[0]

    def question(self, item_id: str) -> Question:
        return next(q for q in self.items if q.id == item_id)

    def score_range(self, score: ScoreDef) -> tuple[int, int]:
        if score.method == "sum":
            return len(score.items) * self.low, len(score.items) * self.high
        return self.low, self.high

    def bands_for(self, score_id: str) -> tuple[Band, ...]:
        return tuple(band for band in self.bands if band.score == score_id)

    def band(self, score_id: str, value: float | None) -> Band | None:
        """The band a score falls in: the last one whose lower edge it reaches."""
        if value is None:
            return None
        found = None
        for band in self.bands_for(score_id):
            if value >= band.min:
                found = band
        return found


def wording(text: Text | None, language: str) -> str:
    """The text in ``language``, else English, else any language the file has."""
    if not text:
        return ""
    return text.get(language) or text.get("en") or next(iter(text.values()))


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale else "en"


class _Checker:
    """Reads one file's tables; every complaint names the file and the place."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.languages: tuple[str, ...] = LANGUAGES

    def fail(self, where: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.source}: {where}: {problem}")

    def keys(self, table: Mapping[str, Any], where: str, allowed: set[str], required: set[str]) -> None:
        unknown = sorted(set(table) - allowed)
        if unknown:
            raise self.fail(where, f"unknown key(s) {', '.join(unknown)}; "
                                   f"allowed: {', '.join(sorted(allowed))}")
        missing = sorted(required - set(table))
        if missing:
            raise self.fail(where, f"missing {', '.join(missing)}")

    def typed(self, value: Any, kind: type, where: str, meaning: str) -> Any:
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(where, f"must be {meaning}, got {value!r}")
        return value

    def identifier(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            raise self.fail(where, f"{value!r} is not an id; use 1-40 of a-z, 0-9 and _")
        return value

    def text(self, value: Any, where: str) -> dict[str, str]:
        """A wording table: exactly the instrument's languages, each a non-empty string."""
        if not isinstance(value, Mapping):
            raise self.fail(where, f"must be a table of wording per language ({', '.join(self.languages)})")
        return self.text_keys(value, where, set(self.languages))

    def text_keys(self, table: Mapping[str, Any], where: str, languages: set[str]) -> dict[str, str]:
        missing = sorted(languages - set(table))
        if missing:
            raise self.fail(where, f"has no wording in {', '.join(missing)}; add {missing[0]} = \"...\"")
        wordings = {language: table[language] for language in languages}
        for language, value in wordings.items():
            if not isinstance(value, str) or not value.strip():
                raise self.fail(where, f"{language} must be non-empty text")
        return wordings

    def table_list(self, value: Any, where: str, minimum: int) -> list[Mapping[str, Any]]:
        tables = isinstance(value, list) and all(isinstance(v, Mapping) for v in value)
        if not tables or len(value) < minimum:
            raise self.fail(where, f"needs at least {minimum} [[{where}]] table(s)")
        return value


INSTRUMENT_KEYS = {"id", "name", "languages", "citation", "title", "instructions", "interpretation",
                   "missing", "options", "items", "scores", "bands", "alerts"}
INSTRUMENT_REQUIRED = {"id", "name", "languages", "title", "instructions", "options", "items", "scores"}


def parse_instrument(raw: Mapping[str, Any], source: str) -> Instrument:
    """Validate one instrument table and build its definition."""
    check = _Checker(source)
    check.keys(raw, "top level", INSTRUMENT_KEYS, INSTRUMENT_REQUIRED)
    instrument_id = check.identifier(raw["id"], "id")
    if instrument_id in RESERVED_IDS:
        raise check.fail("id", f"{instrument_id!r} is reserved for a page name; choose another id")
    check.languages = _languages(check, raw["languages"])
    options = _options(check, raw["options"])
    items = _items(check, raw["items"])
    missing = _missing(check, raw.get("missing", {}))
    scores = _scores(check, raw["scores"], items, missing)
    instrument = Instrument(
        id=instrument_id,
        name=check.typed(raw["name"], str, "name", "text"),
        languages=check.languages,
        citation=check.typed(raw.get("citation", ""), str, "citation", "text"),
        title=check.text(raw["title"], "title"),
        instructions=check.text(raw["instructions"], "instructions"),
        interpretation=(check.text(raw["interpretation"], "interpretation")
                        if "interpretation" in raw else None),
        options=options,
        items=items,
        scores=scores,
        bands=(),
        missing=missing,
        alerts=(),
        source=source,
    )
    bands = _bands(check, raw.get("bands", []), instrument)
    alerts = _alerts(check, raw.get("alerts", []), instrument)
    return replace(instrument, bands=bands, alerts=alerts)


def _languages(check: _Checker, value: Any) -> tuple[str, ...]:
    listed = isinstance(value, list) and bool(value) and len(set(value)) == len(value)
    if not listed or not set(value) <= set(LANGUAGES):
        raise check.fail("languages", f"must list some of {', '.join(LANGUAGES)} once each, got {value!r}")
    return tuple(value)


def _options(check: _Checker, value: Any) -> tuple[Option, ...]:
    options = []
    for index, table in enumerate(check.table_list(value, "options", 2)):
        where = f"options[{index}]"
        check.keys(table, where, {"value", *check.languages}, {"value"})
        number = check.typed(table["value"], int, f"{where}.value", "a whole number")
        options.append(Option(number, check.text_keys(table, where, set(check.languages))))
    values = [option.value for option in options]
    if values != list(range(values[0], values[0] + len(values))):
        raise check.fail("options", f"values must be consecutive whole numbers in order, got {values}")
    return tuple(options)


def _items(check: _Checker, value: Any) -> tuple[Question, ...]:
    items: list[Question] = []
    for index, table in enumerate(check.table_list(value, "items", 1)):
        where = f"items[{index}]"
        check.keys(table, where, {"id", "reverse", "optional", *check.languages}, {"id"})
        item_id = check.identifier(table["id"], f"{where}.id")
        if any(q.id == item_id for q in items):
            raise check.fail(f"{where}.id", f"item id {item_id!r} is used twice")
        items.append(Question(
            id=item_id,
            number=index + 1,
            text=check.text_keys(table, where, set(check.languages)),
            reverse=check.typed(table.get("reverse", False), bool, f"{where}.reverse", "true or false"),
            optional=check.typed(table.get("optional", False), bool, f"{where}.optional", "true or false"),
        ))
    return tuple(items)


def _missing(check: _Checker, value: Any) -> MissingRule:
    if not isinstance(value, Mapping):
        raise check.fail("missing", "must be a table: [missing] rule = \"invalid\" or \"prorate\"")
    check.keys(value, "missing", {"rule", "max_missing"}, set())
    rule = value.get("rule", "invalid")
    if rule not in MISSING_RULES:
        raise check.fail("missing.rule", f"must be one of {', '.join(MISSING_RULES)}, got {rule!r}")
    max_missing = check.typed(value.get("max_missing", 0), int, "missing.max_missing", "a whole number")
    if max_missing < 0 or (rule == "invalid" and max_missing != 0):
        raise check.fail("missing.max_missing", "must be 0 with rule \"invalid\", and never negative")
    return MissingRule(rule, max_missing)


def _scores(check: _Checker, value: Any, items: tuple[Question, ...],
            missing: MissingRule) -> tuple[ScoreDef, ...]:
    known = [q.id for q in items]
    scores: list[ScoreDef] = []
    for index, table in enumerate(check.table_list(value, "scores", 1)):
        where = f"scores[{index}]"
        check.keys(table, where, {"id", "label", "method", "items", "measures"},
                   {"id", "label", "method", "items"})
        score_id = check.identifier(table["id"], f"{where}.id")
        if any(s.id == score_id for s in scores):
            raise check.fail(f"{where}.id", f"score id {score_id!r} is used twice")
        if table["method"] not in METHODS:
            raise check.fail(f"{where}.method",
                             f"must be one of {', '.join(METHODS)}, got {table['method']!r}")
        members = _score_items(check, table["items"], known, f"{where}.items")
        _check_optional(check, where, items, members, missing)
        measures = table.get("measures", "")
        if measures and (not isinstance(measures, str) or not MEASURES_PATTERN.match(measures)):
            raise check.fail(f"{where}.measures", f"must be \"use:<function>\" or \"length_of_use\", "
                                                  f"got {measures!r}")
        label = check.text(table["label"], f"{where}.label")
        scores.append(ScoreDef(score_id, label, table["method"], members, measures))
    return tuple(scores)


def _check_optional(check: _Checker, where: str, items: tuple[Question, ...], members: tuple[str, ...],
                    missing: MissingRule) -> None:
    optional = sum(1 for q in items if q.id in members and q.optional)
    if optional > missing.max_missing:
        raise check.fail(where, f"{optional} optional item(s) but the missing rule allows "
                                f"{missing.max_missing}; a skipped answer must never void a score")


def _score_items(check: _Checker, value: Any, known: list[str], where: str) -> tuple[str, ...]:
    if value == "all":
        return tuple(known)
    if not isinstance(value, list) or not value or len(set(value)) != len(value):
        raise check.fail(where, "must be \"all\" or a list of distinct item ids")
    unknown = [item for item in value if item not in known]
    if unknown:
        raise check.fail(where, f"unknown item id(s) {unknown}; items are {', '.join(known)}")
    return tuple(value)


def _bands(check: _Checker, value: Any, instrument: Instrument) -> tuple[Band, ...]:
    bands: list[Band] = []
    for index, table in enumerate(check.table_list(value, "bands", 0)):
        where = f"bands[{index}]"
        check.keys(table, where, {"score", "id", "min", "label", "meaning", "see_doctor"},
                   {"score", "id", "min", "label", "meaning"})
        score = next((s for s in instrument.scores if s.id == table["score"]), None)
        if score is None:
            raise check.fail(f"{where}.score", f"no score called {table['score']!r}")
        lower = table["min"]
        if isinstance(lower, bool) or not isinstance(lower, int | float):
            raise check.fail(f"{where}.min", f"must be a number, got {lower!r}")
        earlier = tuple(band for band in bands if band.score == score.id)
        _check_band_edge(check, where, lower, instrument.score_range(score), earlier)
        bands.append(Band(
            score=score.id,
            id=check.identifier(table["id"], f"{where}.id"),
            min=lower,
            label=check.text(table["label"], f"{where}.label"),
            meaning=check.text(table["meaning"], f"{where}.meaning"),
            see_doctor=check.typed(table.get("see_doctor", False), bool, f"{where}.see_doctor",
                                   "true or false"),
        ))
    return tuple(bands)


def _check_band_edge(check: _Checker, where: str, lower: float, score_range: tuple[int, int],
                     earlier: tuple[Band, ...]) -> None:
    """Bands of a score start at its lowest value and rise strictly, so every value has one band."""
    low, high = score_range
    if not earlier and lower != low:
        raise check.fail(f"{where}.min", f"the first band of a score must start at its lowest value {low}")
    if earlier and lower <= earlier[-1].min:
        raise check.fail(f"{where}.min", f"{lower} must be above the previous band's min {earlier[-1].min}")
    if lower > high:
        raise check.fail(f"{where}.min", f"{lower} is above the highest possible score {high}")


def _alerts(check: _Checker, value: Any, instrument: Instrument) -> tuple[Alert, ...]:
    alerts = []
    known = {q.id: q for q in instrument.items}
    for index, table in enumerate(check.table_list(value, "alerts", 0)):
        where = f"alerts[{index}]"
        check.keys(table, where, {"item", "above", "action"}, {"item", "above", "action"})
        question = known.get(table["item"])
        if question is None:
            raise check.fail(f"{where}.item", f"no item called {table['item']!r}")
        if question.optional:
            raise check.fail(f"{where}.item", "an item with an alert must not be optional")
        above = check.typed(table["above"], int, f"{where}.above", "a whole number")
        if not instrument.low <= above < instrument.high:
            raise check.fail(f"{where}.above", f"must be from {instrument.low} to {instrument.high - 1}")
        if table["action"] not in ALERT_ACTIONS:
            raise check.fail(f"{where}.action", f"must be one of {', '.join(ALERT_ACTIONS)}")
        alerts.append(Alert(question.id, above, table["action"]))
    return tuple(alerts)


ADAPTATION_KEYS = {"adapts", "title", "instructions", "interpretation", "items", "scores"}


def adapt(instrument: Instrument, raw: Mapping[str, Any], source: str) -> Instrument:
    """Apply an adaptation: new title, instructions or item wording, or the items a score
    averages; options, reverse coding and methods untouched."""
    check = _Checker(source)
    check.languages = instrument.languages
    check.keys(raw, "top level", ADAPTATION_KEYS, {"adapts"})
    changes: dict[str, Any] = {key: check.text(raw[key], key)
                               for key in ("title", "instructions", "interpretation") if key in raw}
    new_items = raw.get("items", {})
    if not isinstance(new_items, Mapping):
        raise check.fail("items", "must be tables like [items.1] with the new wording")
    known = {q.id for q in instrument.items}
    unknown = sorted(set(new_items) - known)
    if unknown:
        raise check.fail("items", f"{instrument.id} has no item(s) {', '.join(unknown)}")
    changes["items"] = tuple(
        replace(q, text=check.text(new_items[q.id], f"items.{q.id}")) if q.id in new_items else q
        for q in instrument.items
    )
    if "scores" in raw:
        changes["scores"] = _adapted_scores(check, instrument, raw["scores"])
    return replace(instrument, **changes)


def _adapted_scores(check: _Checker, instrument: Instrument, value: Any) -> tuple[ScoreDef, ...]:
    """``[scores.<id>] items = [...]``: the same score over other items of the instrument."""
    known_scores = {s.id for s in instrument.scores}
    if not isinstance(value, Mapping) or not all(isinstance(v, Mapping) for v in value.values()):
        raise check.fail("scores", "must be tables like [scores.informal] items = [\"partner\", ...]")
    unknown = sorted(set(value) - known_scores)
    if unknown:
        raise check.fail("scores", f"{instrument.id} has no score(s) {', '.join(unknown)}")
    known_items = [q.id for q in instrument.items]
    scores = []
    for definition in instrument.scores:
        table = value.get(definition.id)
        if table is None:
            scores.append(definition)
            continue
        where = f"scores.{definition.id}"
        check.keys(table, where, {"items"}, {"items"})
        members = _score_items(check, table["items"], known_items, f"{where}.items")
        _check_optional(check, where, instrument.items, members, instrument.missing)
        scores.append(replace(definition, items=members))
    return tuple(scores)


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error}). Fix the syntax at that line.") from None
    except OSError as error:
        raise ConfigError(f"{path}: can't be read ({error.strerror}).") from None


def load_instruments(sources: list[Path | Mapping[str, Any]],
                     extra_dir: Path | None) -> dict[str, Instrument]:
    """Shipped definitions first, then the host's folder: new instruments, then adaptations."""
    instruments: dict[str, Instrument] = {}
    adaptations: list[tuple[Mapping[str, Any], str]] = []
    files: list[Path | Mapping[str, Any]] = list(sources)
    if extra_dir is not None:
        if not extra_dir.is_dir():
            raise ConfigError(f"[questionnaires] extra_dir: {extra_dir} is not a folder. "
                              "Fix: create it or correct the path (relative to the config file).")
        files.extend(sorted(extra_dir.glob("*.toml")))
    for entry in files:
        raw, source = (read_toml(entry), str(entry)) if isinstance(entry, Path) else (entry, "<plugin>")
        if "adapts" in raw:
            adaptations.append((raw, source))
            continue
        instrument = parse_instrument(raw, source)
        if instrument.id in instruments:
            raise ConfigError(f"{source}: id {instrument.id!r} is already defined by "
                              f"{instruments[instrument.id].source}. Fix: choose another id, or change "
                              "only the wording with an adaptation file (adapts = \"...\").")
        instruments[instrument.id] = instrument
    for raw, source in adaptations:
        target = raw["adapts"]
        if target not in instruments:
            raise ConfigError(f"{source}: adapts = {target!r}, but no instrument has that id. "
                              f"Known: {', '.join(instruments)}.")
        instruments[target] = adapt(instruments[target], raw, source)
    return instruments
