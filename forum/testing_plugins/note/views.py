"""Note pages, all from the core's entry kit; the demo notes."""

from __future__ import annotations

from typing import Any

from forum.core.api import EntryViews, Item, User, db, submit

from .forms import NoteForm

TYPE = "note"


class NoteEntries(EntryViews):
    name = TYPE
    content_type = TYPE
    form_class = NoteForm
    url_prefix = "/notes"

    def initial_data(self, item: Item) -> dict[str, Any]:
        return {"text": item.body, "visibility": item.visibility}

    def apply(self, form: Any, item: Item) -> dict[str, str]:
        item.visibility = form.visibility.data
        return {"body": form.text.data.strip()}


entries = NoteEntries()
bp = entries.blueprint()


def add_demo_notes(users: dict[str, User]) -> None:
    """One shared note per demo member, so plugins that answer shared items have something."""
    for name, user in sorted(users.items()):
        item = Item(type=TYPE, author=user, visibility="community", data={})
        submit(item, {"body": f"A note by {name}."}, is_new=True)
    db.session.commit()
