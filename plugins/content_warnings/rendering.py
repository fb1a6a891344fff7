"""An item's body behind its warning, as the reader chose: shown, collapsed or hidden.

Plain Python: it runs once per item on pages with many replies."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape

from forum.core.api import Item, User

from .kinds import choice_for, label
from .models import ContentWarning


def warning_text(warning: ContentWarning) -> Markup:
    text = escape(_("Content warning: %(kind)s", kind=label(warning.kind)))
    return Markup(f"<strong>{text}</strong>" + (f" · {escape(warning.note)}" if warning.note else ""))


def wrap(item: Item, warning: ContentWarning, viewer: User | None, html: Markup) -> Markup:
    """The author always sees their own text, with the warning others see."""
    own = viewer is not None and viewer.id == item.author_id
    choice = "show" if own else choice_for(viewer, warning.kind)
    if choice == "show":
        return Markup(f'<p class="cw-label">{warning_text(warning)}</p>') + html
    if choice == "hide":
        hidden = escape(_("Hidden: a content warning you chose not to see (%(kind)s).",
                          kind=label(warning.kind)))
        change = escape(_("Change"))
        return Markup(f'<p class="cw cw-hidden">{hidden} <a href="{url_for("content_warnings.choices")}">'
                      f'{change}</a></p>')
    opener = escape(_("Show"))
    return Markup(f'<details class="cw"><summary>{warning_text(warning)} · <span class="cw-open">'
                  f'{opener}</span></summary>{html}</details>')
