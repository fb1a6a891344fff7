"""Formulation pages, from the core's entry kit: community feed, my formulations, one, the form."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from forum.core.api import EntryViews, Item

from .cycle import Drawing, layout
from .forms import PARTS, FormulationForm

CONTENT_TYPE = "formulation"


def part_labels() -> dict[str, str]:
    return {"situation": _("Situation"), "thoughts": _("Thoughts"), "feelings": _("Feelings"),
            "sensations": _("Body"), "behaviour": _("Behaviour")}


def drawing_of(item: Item) -> Drawing:
    data = item.data or {}
    return layout({key: str(data.get(key, "")) for key in PARTS}, part_labels())


class Formulations(EntryViews):
    name = CONTENT_TYPE
    content_type = CONTENT_TYPE
    form_class = FormulationForm
    url_prefix = "/formulations"
    per_page = 10  # each card carries a drawing

    def apply(self, form: Any, item: Item) -> dict[str, str]:
        item.visibility = form.visibility.data
        return form.texts()

    def context(self) -> dict[str, Any]:
        return {"drawing_of": drawing_of, "labels": part_labels(), "parts": PARTS}

    def entry_context(self, item: Item) -> dict[str, Any]:
        return {"formulation": item, "drawing": drawing_of(item)}


formulations = Formulations()
bp = formulations.blueprint()
