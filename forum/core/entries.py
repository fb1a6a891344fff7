"""The content-type kit: the five pages every "entry" plugin needs, written once.

A plugin whose members write entries of one content type (FunCan, thought records, the
formulation, a third-party gratitude journal) subclasses ``EntryViews``, names its type, form
and templates, and says what is really its own: how a valid form fills an item
(``apply``), the edit form's initial data (``initial_data``), and extra template values. It
gets, with the same access rules for every type:

- ``feed`` (``/``): entries members shared, newest first; members only unless the host sets
  ``[community] public_read``.
- ``mine`` (``/mine``): all of the member's own entries, private and held ones too.
- ``entry`` (``/<id>``): one entry, as ``visible_to`` allows (404, never 403).
- ``new`` and ``edit`` (``/new``, ``/<id>/edit``): the form; a valid post goes through the one
  path for member text (``submit``: screening, moderation, rendering), then the crisis page or
  the entry. Errors answer 422 with the text kept. Posting is rate limited. A new entry is
  saved once per form (``{{ submission_key_field() }}`` in the form: a double send is one
  entry).

Usage is recorded per the type's declared ``ContentType.usage`` (``write`` on a save,
``read_others`` on the feed and on others' entries). Sharing, unsharing and deleting are the
core's generic owner routes (``forum.set_visibility``, ``forum.delete_own_item``).

Templates (the plugin's own, extending ``forum/base.html``): ``<name>/list.html`` gets
``page``, ``mine`` and ``view`` ("mine" or "community"), ``endpoint``; ``<name>/entry.html``
gets ``item``; ``<name>/form.html`` gets ``form`` and ``editing`` (the item, or None), and
shows ``compose_fields(content_type, editing)`` (what plugins add, e.g. a content warning).
"""

from __future__ import annotations

from typing import Any, ClassVar

from flask import Blueprint, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from .auth import login_required, viewer, write_limit
from .extensions import limiter
from .forms import form_page, submit_form
from .listing import can_read_community, list_page, readable
from .models import Item
from .publishing import finish_submission, prepare_items
from .state import forum_state
from .types import ContentType, NavItem
from .usage import record_use
from .visibility import get_own_or_404, get_visible_or_404, public_only, visible_to

# What counts as using an exercise's function: writing, sharing, or reading others' entries.
ENTRY_USE = frozenset({"write", "share", "read_others"})


class EntryViews:
    """Subclass, set the class attributes, then ``bp = MyEntries().blueprint()``."""

    name: ClassVar[str]  # blueprint and template folder name ("funcan")
    content_type: ClassVar[str]  # the ContentType's name
    form_class: ClassVar[type[FlaskForm]]
    url_prefix: ClassVar[str]  # "/funcan"
    per_page: ClassVar[int] = 20

    # What is the plugin's own --------------------------------------------------------------

    def apply(self, form: Any, item: Item) -> dict[str, str]:
        """Fill ``item`` from a valid form (data, visibility) and return the texts to screen,
        by field name (``{"body": ...}``). Called for new and edited entries."""
        raise NotImplementedError

    def initial_data(self, item: Item) -> dict[str, Any]:
        """The edit form's values for ``item`` (default: its data and visibility)."""
        return {**(item.data or {}), "visibility": item.visibility}

    def edit_form(self, item: Item) -> Any:
        """The form for editing ``item``: initial data on GET, the posted data otherwise."""
        return self.form_class(data=self.initial_data(item) if request.method == "GET" else None)

    def new_form(self) -> Any:
        """The empty form; a visibility field starts at the type's declared default."""
        form = self.form_class()
        visibility = getattr(form, "visibility", None)
        if visibility is not None and request.method == "GET":
            visibility.data = forum_state().content_types[self.content_type].default_visibility
        return form

    def context(self) -> dict[str, Any]:
        """Extra values for every template of this type (helpers, labels)."""
        return {}

    def entry_context(self, item: Item) -> dict[str, Any]:
        """Extra values for the entry page (e.g. a drawing of the item)."""
        return {}

    def form_context(self, item: Item | None) -> dict[str, Any]:
        """Extra values for the form page (e.g. how others may answer)."""
        return {}

    # The kit ---------------------------------------------------------------------------------

    def url(self, item: Item) -> str:
        """The entry's page: use it as the ``ContentType.url``."""
        return url_for(f"{self.name}.entry", item_id=item.id)

    def declare(self, label: Any, function: str | None = None, usage: frozenset[str] = ENTRY_USE,
                default_visibility: str = "private") -> ContentType:
        """The ``ContentType`` for ``forum_content_types``: private by default, linked to the
        entry page, its use counted as ``function`` (default: the type's name)."""
        return ContentType(self.content_type, str(label), self.url, default_visibility=default_visibility,
                           function=function or self.content_type, usage=usage, form=self.form_class)

    def nav(self, user: Any, label: Any, order: int) -> list[NavItem]:
        """The navigation link to the feed, for ``forum_nav_items`` (hidden from visitors unless
        the community is publicly readable)."""
        return [NavItem(str(label), url_for(f"{self.name}.feed"), order=order)] \
            if can_read_community(user) else []

    def blueprint(self) -> Blueprint:
        bp = Blueprint(self.name, self.__class__.__module__, url_prefix=self.url_prefix)
        bp.context_processor(self.context)
        bp.add_url_rule("/", "feed", readable(self.feed))
        bp.add_url_rule("/mine", "mine", login_required(self.mine))
        bp.add_url_rule("/<int:item_id>", "entry", readable(self.entry))
        writing = limiter.limit(write_limit, methods=["POST"])
        bp.add_url_rule("/new", "new", login_required(writing(self.new)), methods=["GET", "POST"])
        bp.add_url_rule("/<int:item_id>/edit", "edit", login_required(writing(self.edit)),
                        methods=["GET", "POST"])
        return bp

    def feed(self) -> str:
        record_use(viewer(), self.content_type, "read_others")
        return self._list("community", public_only())

    def mine(self) -> str:
        return self._list("mine", Item.author_id == current_user.id, visible_to(current_user))

    def entry(self, item_id: int) -> str:
        item = get_visible_or_404(item_id, viewer(), self.content_type)
        if viewer() is not None and item.author_id != viewer().id:
            record_use(viewer(), self.content_type, "read_others")
        prepare_items([item], viewer())
        return render_template(f"{self.name}/entry.html", item=item, **self.entry_context(item))

    def new(self) -> Any:
        return self._form_page(self.new_form(), None)

    def edit(self, item_id: int) -> Any:
        item = get_own_or_404(item_id, current_user, self.content_type)
        return self._form_page(self.edit_form(item), item)

    def _list(self, view: str, *conditions: Any) -> str:
        page = list_page(self.content_type, *conditions, per_page=self.per_page)
        return render_template(f"{self.name}/list.html", page=page, view=view, mine=view == "mine",
                               endpoint=request.endpoint)

    def _form_page(self, form: Any, existing: Item | None) -> Any:
        if form.validate_on_submit():
            item = existing or Item(type=self.content_type, author=current_user, data={},
                                    visibility=forum_state().content_types[self.content_type]
                                    .default_visibility)
            texts = self.apply(form, item)
            # A new entry is saved once per form, however often it is sent (idempotency).
            submission = submit_form(form, item, texts, is_new=existing is None)
            if submission is not None:
                record_use(current_user, self.content_type, "write")
                return finish_submission(submission, self.url(submission.item))
        return form_page(f"{self.name}/form.html", form, editing=existing, content_type=self.content_type,
                         **self.form_context(existing))

