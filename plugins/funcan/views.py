"""FunCan pages, from the core's entry kit: the community feed, my entries, one entry, the form."""

from __future__ import annotations

from datetime import date
from typing import Any

from forum.core.api import EntryViews, Item

from .forms import FunCanForm, category_label

TYPE = "funcan"


def entry_day(item: Item) -> date:
    """The day the member chose (an entry may be about yesterday), else the day it was saved."""
    try:
        return date.fromisoformat(item.data.get("day", ""))
    except ValueError:
        return item.created_at.date()


class FunCanEntries(EntryViews):
    name = TYPE
    content_type = TYPE
    form_class = FunCanForm
    url_prefix = "/funcan"

    def initial_data(self, item: Item) -> dict[str, Any]:
        return {"text": item.body, "category": item.data.get("category", ""), "day": entry_day(item)}

    def edit_form(self, item: Item) -> FunCanForm:
        form = FunCanForm(data=self.initial_data(item))
        del form.visibility  # sharing has its own buttons on the entry page
        return form

    def apply(self, form: Any, item: Item) -> dict[str, str]:
        if form.visibility is not None:
            item.visibility = form.visibility.data
        # Category and date are choices, not member text: set them before the text is screened.
        item.data = {**(item.data or {}), "category": form.category.data or "",
                     "day": form.day.data.isoformat()}
        return {"body": form.text.data.strip()}

    def context(self) -> dict[str, Any]:
        return {"category_label": category_label, "entry_day": entry_day}


entries = FunCanEntries()
bp = entries.blueprint()
