"""A stand-in for an outcomes plugin (the questionnaires plugin in real communities): it answers
the research plugin's hooks from the lists a test fills, so research is tested on its own."""

from __future__ import annotations

from typing import Any

from forum.core.api import hookimpl

NAME = "plugins.research.tests.fake_outcomes"
COLUMNS: list[dict[str, str]] = []
ADMINISTRATIONS: list[dict[str, Any]] = []


def reset(columns: list[dict[str, str]]) -> None:
    COLUMNS[:] = columns
    ADMINISTRATIONS.clear()


@hookimpl
def research_outcome_columns() -> list[dict[str, str]]:
    return list(COLUMNS)


@hookimpl
def research_administrations(user_ids: list[int]) -> list[dict[str, Any]]:
    wanted = set(user_ids)
    return [a for a in ADMINISTRATIONS if a["user_id"] in wanted]
