"""Research: objective, consented usage measurement, the U2plus paper's analysis, a pseudonymous export.

Adds: /research (consent page: what is recorded, how to withdraw, optional questions about
oneself), /research/results (hosts: Table 1, length of use, characteristics, Table 2, Table 3,
measured against self-reported use; small cells hidden) and ``forum export research --out DIR``.
Records ``forum_usage_event`` for consenting members only, only for the functions the consent page
lists, at most one row per member, function and day. Declares the hooks ``research_outcome_columns``
and ``research_administrations`` (see hookspecs.py) for scores; the questionnaires plugin answers
them, and research works without any answer.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import click
from flask import Flask, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from forum.core.api import (
    ConfigError,
    NavItem,
    Section,
    Setting,
    User,
    audit,
    db,
    hookimpl,
    utcnow,
)

from . import hookspecs  # noqa: F401  (the core adds the hooks this plugin declares)
from .analysis import measured_functions
from .models import ResearchConsent, ResearchProfile, UsageEvent
from .questions import PROFILE_QUESTIONS
from .recording import Research, record, withdraw_consent

FUNCTION_PATTERN = re.compile(r"^[a-z0-9_]{1,40}$")


@hookimpl
def forum_settings_schema() -> dict[str, Section]:
    return {"research": Section({
        "window_days": Setting(int, 365, "days of use counted for the frequency categories",
                               minimum=1, maximum=3650),
        "secret": Setting(str, "", "key for pseudonymous research ids (default: derived from the secret "
                                   "key); keep it stable and private"),
        "functions": Setting(list, [], "usage functions to measure, in table order (default: the core's, "
                                       "each content type's and reacting); only these are recorded",
                             items=str),
        "min_group_size": Setting(int, 5, "smallest count published (smaller cells are hidden); with "
                                          "fewer consenting members: no tables, and no export without "
                                          "--allow-small", minimum=1, maximum=1000),
        "min_observed_days": Setting(int, 28, "members observed (since consent) fewer days than this are "
                                              "'too new' rather than given a use category",
                                     minimum=1, maximum=3650),
    })}


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    from .views import bp

    forum = app.extensions["forum"]  # content types and reaction policies are known by now
    table = settings["research"]
    if table["window_days"] < 1 or table["min_group_size"] < 1:
        raise ConfigError(f"{forum.source}: [research] window_days and min_group_size must be 1 or more "
                          "(365 and 5 are usual).")
    if not 1 <= table["min_observed_days"] <= table["window_days"]:
        raise ConfigError(f"{forum.source}: [research] min_observed_days must be from 1 to window_days "
                          f"({table['window_days']}); 28 is usual.")
    functions = measured_functions(forum, table["functions"])
    bad = [f for f in functions if not isinstance(f, str) or not FUNCTION_PATTERN.match(f)]
    if bad:
        raise ConfigError(f"{forum.source}: [research] usage function name(s) {bad} are not valid; "
                          "use 1-40 of a-z, 0-9 and _.")
    app.extensions["research"] = Research(functions)
    app.register_blueprint(bp)


@hookimpl
def forum_usage_event(user: User, function: str) -> None:
    record(user, function)


@hookimpl
def forum_nav_items(user: User | None) -> list[NavItem]:
    if user is None:
        return []
    items = [NavItem(str(_l("Research")), url_for("research.consent_page"), order=85)]
    if user.is_host:
        items.append(NavItem(str(_l("Research results")), url_for("research.results"), order=86))
    return items


@hookimpl
def forum_cli(cli: click.Group) -> None:
    export = cli.commands.get("export")
    if not isinstance(export, click.Group):
        export = click.Group("export", help="Export community data.")
        cli.add_command(export)
    export.add_command(export_research)


@click.command("research")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, writable=True),
              help="Folder to write the CSV files and their data dictionary into.")
@click.option("--allow-small", is_flag=True,
              help="Export even when fewer members consent than [research] min_group_size.")
@click.pass_obj
def export_research(ctx: Any, out: str, allow_small: bool) -> None:
    """Pseudonymised usage, scores per administration, weekly use and the paper's tables (CSV, no text)."""
    from .analysis import min_group_size
    from .export import build_export, write_tables

    with ctx.app.app_context():
        members, tables, note = build_export()
        least = min_group_size()
        if members < least and not allow_small:
            raise click.ClickException(
                f"Only {members} member(s) consent to research, fewer than [research] min_group_size "
                f"({least}): a file this small could identify them. Nothing was written. Wait for more "
                "participants, or pass --allow-small if you must (the export is audit-logged).")
        write_tables(Path(out), tables)
        audit(None, "research_export", None, members=members, files=[t.name for t in tables],
              allow_small=allow_small)
        db.session.commit()
    click.echo(f"Wrote {len(tables)} files about {members} consenting members to {out}.")
    if note:
        click.echo(note)


@hookimpl
def forum_member_export(user: User) -> dict[str, Any]:
    consent = db.session.get(ResearchConsent, user.id)
    events = db.session.execute(select(UsageEvent.day, UsageEvent.function)
                                .where(UsageEvent.user_id == user.id).order_by(UsageEvent.day))
    profile = db.session.get(ResearchProfile, user.id)
    return {"research": {
        "consented_at": consent.consented_at.isoformat() if consent else None,
        "about_you": {q.field: getattr(profile, q.field) for q in PROFILE_QUESTIONS} if profile else {},
        "usage": [{"day": day.isoformat(), "function": function} for day, function in events],
    }}


@hookimpl
def forum_member_delete(user: User) -> None:
    withdraw_consent(user.id, commit=False)


# Demo participants: (name, consent days ago, {function: use every n-th day}, about them).
DEMO_USE = [
    ("aoi", 400, {"sign_in": 1, "react": 2, "funcan": 3, "read_profiles": 5, "thought_record": 8,
                  "formulation": 60}, {"gender": "female", "age_group": "20s", "medication": "yes"}),
    ("ren", 200, {"sign_in": 4, "react": 10, "funcan": 40}, {"age_group": "30s", "psychotherapy": "yes"}),
    ("mika", 400, {"sign_in": 2, "thought_record": 3, "formulation": 30}, {}),
]


@hookimpl
def forum_demo_content(users: dict[str, User], settings: dict[str, dict[str, Any]]) -> None:
    today = utcnow().date()
    for name, consent_days, rhythm, about in DEMO_USE:
        user = users[name]
        db.session.add(ResearchConsent(user_id=user.id, consented_at=utcnow() - timedelta(days=consent_days)))
        if about:
            db.session.add(ResearchProfile(user_id=user.id, **about))
        for function, every in rhythm.items():
            db.session.add_all(UsageEvent(user_id=user.id, function=function, day=today - timedelta(days=d))
                               for d in range(0, min(consent_days, 365), every))
    db.session.commit()


@hookimpl
def forum_audit_actions() -> dict[str, str]:
    return {"research_export": _l("Research data exported")}
