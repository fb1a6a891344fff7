"""Content warnings: an author may mark an item with a warning from the host's list
(``[content_warnings] choices``) and a few words; readers see the warning and open the item with
one click (a ``<details>`` element, no JavaScript). Each member chooses per warning: show,
collapse (the default) or hide. A screening rule's verdict may add a warning
(``from_screening``, host option). Search snippets are covered like the item.

Adds: the compose-form field (every content type through ``forum_compose_fields``), the wrapper
of item bodies and snippets (``forum_item_bodies``), ``/warnings`` (the reader's choices), the
member's choices in their data export, deletion with the account.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template, request
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import delete, select

from forum.core.api import (
    Action,
    ConfigError,
    Item,
    ScreenResult,
    Section,
    Setting,
    User,
    config_source,
    db,
    hookimpl,
    screen_texts,
    settings,
    viewer,
)

from . import views
from .kinds import KNOWN, NOTE_MAX, kinds, label
from .models import ContentWarning, WarningChoice
from .rendering import wrap

EXTRA = "content_warnings"


@hookimpl
def forum_settings_schema() -> dict[str, Section]:
    return {"content_warnings": Section({
        "choices": Setting(list, ["self_harm", "suicide", "trauma", "eating", "substance_use"],
                           f"warnings an author may choose ({', '.join(KNOWN)}, or your own words)",
                           items=str, minimum=1, maximum=30, pattern=r"[\w .\-]{1,40}",
                           pattern_help="a warning of 1 to 40 letters, digits, spaces, '_', '.' or '-'"),
        "from_screening": Setting(dict, {}, "screening rule -> warning it adds to what it flags or "
                                  "holds, e.g. { self_harm = \"self_harm\" }"),
    })}


@hookimpl
def forum_configure(app: Flask, settings: dict[str, dict[str, Any]]) -> None:
    config = settings["content_warnings"]
    for rule, kind in config["from_screening"].items():
        if kind not in config["choices"]:
            raise ConfigError(f"{config_source()}: [content_warnings] from_screening gives rule {rule!r} "
                              f"the warning {kind!r}, which is not in choices. Fix: add it to choices.")
    app.register_blueprint(views.bp)


@hookimpl
def forum_compose_fields(content_type: str, item: Item | None) -> Markup:
    current = db.session.get(ContentWarning, item.id) if item is not None and item.id else None
    if request.method == "POST":
        kind, note = request.form.get("cw_kind", ""), request.form.get("cw_note", "")
    else:
        kind, note = (current.kind, current.note) if current else ("", "")
    return Markup(render_template("content_warnings/_field.html", kinds=kinds(), label=label,
                                  kind=kind, note=note, note_max=NOTE_MAX))


@hookimpl
def forum_compose_errors(content_type: str) -> list[str]:
    kind, note = request.form.get("cw_kind", ""), request.form.get("cw_note", "").strip()
    if kind and kind not in kinds():
        return [_("Choose a content warning from the list.")]
    if len(note) > NOTE_MAX:
        return [_("Keep the warning's words under %(num)d characters.", num=NOTE_MAX)]
    if note and not kind:
        return [_("Choose which content warning your words describe.")]
    if note and screen_texts({"warning": note}, viewer(), content_type).action >= Action.HOLD:
        return [_("Please use other words for the content warning.")]
    return []


@hookimpl
def forum_after_screen(item: Item, result: ScreenResult) -> None:
    """A verdict of a rule the host named adds its warning, unless the item has one already."""
    mapping = _settings()["from_screening"]
    added = next((mapping[v.rule] for v in result.verdicts
                  if v.rule in mapping and v.action >= Action.FLAG), None)
    if added and db.session.get(ContentWarning, item.id) is None:
        db.session.add(ContentWarning(item_id=item.id, kind=added, by_screening=True))


@hookimpl
def forum_compose_saved(item: Item) -> None:
    kind, note = request.form.get("cw_kind", ""), request.form.get("cw_note", "").strip()
    current = db.session.get(ContentWarning, item.id)
    if kind:
        current = current or ContentWarning(item_id=item.id)
        current.kind, current.note, current.by_screening = kind, note, False
        db.session.add(current)
    elif current is not None and not current.by_screening:
        db.session.delete(current)  # the author took their warning off; a rule's stays
    db.session.commit()


@hookimpl
def forum_prepare_items(items: list[Item]) -> None:
    ids = [item.id for item in items if item.id]
    found = {w.item_id: w for w in db.session.scalars(
        select(ContentWarning).where(ContentWarning.item_id.in_(ids)))} if ids else {}
    for item in items:
        item.extras[EXTRA] = found.get(item.id)


@hookimpl
def forum_item_bodies(items: list[Item], viewer: User | None,
                      bodies: dict[int, Markup]) -> dict[int, Markup]:
    unprepared = [item for item in items if EXTRA not in item.extras]
    if unprepared:  # a page that did not prepare its items: look them up here, in one query
        forum_prepare_items(unprepared)
    return {item.id: wrap(item, warning, viewer, bodies[item.id])
            for item in items if (warning := item.extras[EXTRA]) is not None and item.id in bodies}


@hookimpl
def forum_profile_sections(user: User, viewer: User | None) -> list[Markup]:
    if viewer is None or viewer.id != user.id:
        return []
    return [Markup(render_template("content_warnings/_own_profile.html"))]


@hookimpl
def forum_member_export(user: User) -> dict[str, Any]:
    rows = db.session.execute(select(WarningChoice.kind, WarningChoice.choice)
                              .where(WarningChoice.user_id == user.id))
    return {"content_warning_choices": dict(rows.all())}


@hookimpl
def forum_member_delete(user: User) -> None:
    db.session.execute(delete(WarningChoice).where(WarningChoice.user_id == user.id))
    db.session.execute(delete(ContentWarning).where(
        ContentWarning.item_id.in_(select(Item.id).where(Item.author_id == user.id))))


def _settings() -> dict[str, Any]:
    return settings()["content_warnings"]
