"""Questionnaires: PHQ-9, the D-D scale and GHSQ as data files; scoring, history, safety path.

Adds: /questionnaires (list, take, result, history; private to each member) and
/questionnaires/summary (hosts: aggregates only, small groups hidden). PHQ-9 item 9 above 0
shows the crisis page at once and calls ``forum_safety_alert``. Hosts add instruments or adapt
wording with files in ``[questionnaires] extra_dir``, or include the optional files shipped in
``extras/`` (``[questionnaires] include``: self-reported use, the D-D scale's adapted wording).
Declares ``forum_questionnaires`` (other plugins ship instruments); answers the research plugin's
``research_outcome_columns`` and ``research_administrations`` hooks, so research sees scores
without importing this plugin.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from forum.core.api import (
    ConfigError,
    NavItem,
    Section,
    Setting,
    User,
    db,
    existing_folder,
    hookimpl,
    utcnow,
)

from . import hookspecs  # noqa: F401  (the core adds the hooks this plugin declares)
from .instruments import load_instruments
from .models import QuestionnaireResult  # defined at import, so `forum init` creates the table
from .results import Catalogue, administrations, catalogue, outcome_columns, save_result
from .scoring import score

INSTRUMENT_DIR = Path(__file__).parent / "instruments"
EXTRAS_DIR = Path(__file__).parent / "extras"
SHIPPED = ("phq9", "dd", "ghsq")


@hookimpl
def forum_settings_schema() -> dict[str, Section]:
    return {"questionnaires": Section({
        "extra_dir": Setting(str, "", "folder of extra instrument or wording files (*.toml), relative to "
                                      "the config file", check=existing_folder),
        "instruments": Setting(list, [], "ids of the instruments offered to members, in order "
                                         "(default: all)", items=str),
        "min_group_size": Setting(int, 5, "smallest number of members a host sees aggregates of",
                                  minimum=1, maximum=1000),
        "include": Setting(list, [], "optional files shipped in the plugin's extras/ folder: usage and "
                                     "usage_length (self-reported use), dd_treatment (the D-D scale's "
                                     "adapted wording), ghsq_informal_parent", items=str),
    })}


@hookimpl
def forum_questionnaires() -> list[Any]:
    return [INSTRUMENT_DIR / f"{name}.toml" for name in SHIPPED]


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    from .views import bp

    forum = app.extensions["forum"]
    sources = [Path(s) if isinstance(s, str) else s
               for answer in forum.hook.forum_questionnaires() for s in answer or ()]
    table = settings["questionnaires"]
    folder = Path(app.config["FORUM_CONFIG_DIR"], table["extra_dir"]) if table["extra_dir"] else None
    instruments = load_instruments(sources + _included(table["include"], forum.source), folder)
    app.extensions["questionnaires"] = Catalogue(instruments, _offered(instruments, table, forum.source))
    app.register_blueprint(bp)


def _included(names: list[Any], source: str) -> list[Path | dict[str, Any]]:
    known = sorted(path.stem for path in EXTRAS_DIR.glob("*.toml"))
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ConfigError(f"{source}: [questionnaires] include names unknown file(s) "
                          f"{', '.join(map(repr, unknown))}. Shipped: {', '.join(known)}.")
    return [EXTRAS_DIR / f"{name}.toml" for name in names]


def _offered(instruments: dict[str, Any], table: dict[str, Any], source: str) -> tuple[str, ...]:
    unknown = [key for key in table["instruments"] if key not in instruments]
    if unknown:
        raise ConfigError(f"{source}: [questionnaires] instruments names unknown instrument(s) "
                          f"{', '.join(map(repr, unknown))}. Known: {', '.join(instruments)}.")
    if table["min_group_size"] < 1:
        raise ConfigError(f"{source}: [questionnaires] min_group_size must be 1 or more (5 is usual).")
    return tuple(table["instruments"] or instruments)


@hookimpl
def forum_nav_items(user: User | None) -> list[NavItem]:
    return [NavItem(str(_l("Questionnaires")), url_for("questionnaires.index"), order=60)] if user else []


@hookimpl
def research_outcome_columns() -> list[dict[str, str]]:
    return outcome_columns()


@hookimpl
def research_administrations(user_ids: list[int]) -> list[dict[str, Any]]:
    return administrations(user_ids)


@hookimpl
def forum_member_export(user: User) -> dict[str, Any]:
    results = db.session.scalars(select(QuestionnaireResult).where(QuestionnaireResult.user_id == user.id)
                                 .order_by(QuestionnaireResult.created_at))
    return {"questionnaires": [{"instrument": r.instrument, "taken_at": r.created_at.isoformat(),
                                "answers": r.answers, "scores": r.scores} for r in results]}


@hookimpl
def forum_member_delete(user: User) -> None:
    db.session.execute(delete(QuestionnaireResult).where(QuestionnaireResult.user_id == user.id))


# aoi's PHQ-9 answers over five months, getting better (totals 16, 13, 11, 8, 6, 4; item 9 always 0).
DEMO_PHQ9 = [
    (150, [2, 2, 2, 3, 2, 2, 2, 1, 0]),
    (120, [2, 2, 2, 2, 1, 2, 1, 1, 0]),
    (90, [1, 2, 2, 2, 1, 1, 1, 1, 0]),
    (60, [1, 1, 1, 2, 1, 1, 1, 0, 0]),
    (30, [1, 1, 1, 1, 0, 1, 1, 0, 0]),
    (7, [0, 1, 1, 1, 0, 1, 0, 0, 0]),
]


@hookimpl
def forum_demo_content(users: dict[str, User], settings: dict[str, dict[str, Any]]) -> None:
    phq9 = catalogue().instruments.get("phq9")
    if phq9 is None or "phq9" not in catalogue().offered:
        return
    now = utcnow()
    for days_ago, values in DEMO_PHQ9:
        answers = {q.id: value for q, value in zip(phq9.items, values, strict=True)}
        taken_at = now - timedelta(days=days_ago)
        save_result(users["aoi"], phq9, answers, score(phq9, answers), taken_at=taken_at)
    db.session.commit()
