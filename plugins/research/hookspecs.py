"""Hooks the research plugin declares: where outcome scores come from (the questionnaires plugin
answers them). Research works without any answer: it then has usage only."""

from __future__ import annotations

from typing import Any

from forum.core.api import hookspec


@hookspec
def research_outcome_columns() -> list[dict[str, str]]:
    """Return the score columns this plugin can give for consenting members, in table order.

    Each is a dict: ``key`` (a column name such as ``"phq9_total"``, unique across plugins),
    ``label`` (in the current language), ``instrument`` (id of the questionnaire it belongs to) and
    ``measures``: ``""`` for an outcome (correlated and regressed on use), ``"use:<function>"`` for
    a self-report of how often the member uses a function (coded 0 never .. 5 almost every day),
    ``"length_of_use"`` for a self-report of how long (coded 1 < 1 month .. 5 > 3 years).
    Called in a request or app context.
    """


@hookspec
def research_administrations(user_ids: list[int]) -> list[dict[str, Any]]:
    """Return every administration of an instrument to these members, oldest first.

    Each is a dict: ``user_id``, ``instrument``, ``taken_at`` (a naive UTC datetime) and ``scores``
    (column key as in ``research_outcome_columns`` -> number, or None when the instrument's
    missing-answer rule voided it). Never answers or text. ``user_ids`` are consenting members only.
    """
