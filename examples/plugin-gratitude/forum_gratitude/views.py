"""The gratitude pages, all from the core's content-type kit."""

from __future__ import annotations

from typing import Any

from forum.core.api import EntryViews, Item, settings

from .forms import FIELDS, GratitudeForm

TYPE = "gratitude"


class GratitudeEntries(EntryViews):
    name = TYPE
    content_type = TYPE
    form_class = GratitudeForm
    url_prefix = "/gratitude"

    def initial_data(self, item: Item) -> dict[str, Any]:
        return {**{name: item.data.get(name, "") for name in FIELDS}, "why": item.body,
                "visibility": item.visibility}

    def apply(self, form: Any, item: Item) -> dict[str, str]:
        item.visibility = form.visibility.data
        return form.texts()

    def context(self) -> dict[str, Any]:
        return {"things": lambda item: [item.data[n] for n in FIELDS if item.data.get(n)],
                "prompt_evening": settings()["gratitude"]["prompt_evening"]}


entries = GratitudeEntries()
bp = entries.blueprint()
