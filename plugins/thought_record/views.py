"""Thought record pages, from the core's entry kit: community feed, my records, one record, the form."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from forum.core.api import EntryViews, Item, reaction_policy

from .emotions import emotions_of
from .forms import ThoughtRecordForm

CONTENT_TYPE = "thought_record"


class ThoughtRecords(EntryViews):
    name = CONTENT_TYPE
    content_type = CONTENT_TYPE
    form_class = ThoughtRecordForm
    url_prefix = "/thought-records"

    def initial_data(self, item: Item) -> dict[str, Any]:
        return ThoughtRecordForm.initial_data(item.data or {}, emotions_of(item), item.visibility)

    def apply(self, form: Any, item: Item) -> dict[str, str]:
        item.visibility = form.visibility.data
        item.data = {**item.data, "emotions": [e.as_data() for e in form.emotion_rows()]}
        return form.texts()

    def context(self) -> dict[str, Any]:
        return {"emotions_of": emotions_of}

    def entry_context(self, item: Item) -> dict[str, Any]:
        return {"record": item, "emotions": emotions_of(item)}

    def form_context(self, item: Item | None) -> dict[str, Any]:
        return {"answer_hint": answer_hint()}


def answer_hint() -> str:
    """Tell the member how others may answer, from the policy the community configured."""
    policy = reaction_policy(CONTENT_TYPE)
    if policy and policy.comments:
        return _("Members can reply to a shared record in writing.")
    if policy and policy.reactions:
        return _("Members can answer a shared record with a reaction only, never with written comments.")
    return ""


records = ThoughtRecords()
bp = records.blueprint()
