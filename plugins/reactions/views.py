"""Toggle a reaction, prefetch reactions for a page of items, and draw the buttons under an item."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from flask import Blueprint, abort, current_app, redirect, render_template, request
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from forum.core.api import (
    Item,
    User,
    db,
    get_visible_or_404,
    hidden_authors,
    hook,
    item_url,
    limiter,
    login_required,
    reaction_policy,
    record_usage,
    safe_next,
    write_limit,
    write_refusal,
)

from .models import Reaction
from .vocabulary import label

bp = Blueprint("reactions", __name__)
EXTRAS_KEY = "reactions"


@dataclass
class ItemReactions:
    """What one item's footer needs: counts per kind and the viewer's own kinds."""

    kinds: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=dict)
    mine: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(self.counts.get(kind, 0) for kind in self.kinds)


def allowed_kinds(item: Item) -> tuple[str, ...]:
    """The reactions the item's content type accepts (empty when it takes none)."""
    policy = reaction_policy(item.type)
    return policy.reactions if policy else ()


@bp.route("/items/<int:item_id>/reactions/<kind>", methods=["POST"])
@login_required
@limiter.limit(write_limit)
def toggle(item_id: int, kind: str) -> Response | tuple[str, int]:
    """Give the reaction, or take it back if the viewer already gave it."""
    item = get_visible_or_404(item_id, current_user)
    if kind not in allowed_kinds(item) or not item.is_public:
        abort(404)
    refusal = write_refusal(current_user)
    if refusal:
        abort(403, refusal)
    if item.author_id == current_user.id:
        return render_template("reactions/own_item.html", item=item), 403
    _toggle(item, current_user, kind)
    record_usage(current_user, "react")
    target = safe_next(request.form.get("next") or item_url(item)).split("#", 1)[0]
    return redirect(f"{target}#reactions-{item.id}")


def _toggle(item: Item, user: User, kind: str) -> None:
    given = db.session.scalar(select(Reaction).where(
        Reaction.item_id == item.id, Reaction.user_id == user.id, Reaction.kind == kind))
    if given is not None:
        db.session.delete(given)
    else:
        db.session.add(Reaction(item_id=item.id, user_id=user.id, kind=kind))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # a double click raced us to the same row: it is given once
        return
    if given is None:
        hook().reactions_given(item=item, user=user, kind=kind)
    else:
        hook().reactions_taken_back(item=item, user=user, kind=kind)


def prepare(items: list[Item], viewer: User | None) -> None:
    """Counts for every reactable item in one grouped query; the viewer's own in one more."""
    reactable = {item.id: item for item in items if allowed_kinds(item)}
    if not reactable:
        return
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    counted = select(Reaction.item_id, Reaction.kind, func.count()).where(Reaction.item_id.in_(reactable))
    if hidden := hidden_authors(viewer):  # a muted member's reactions count for nobody who muted them
        counted = counted.where(Reaction.user_id.not_in(hidden))
    rows = db.session.execute(counted.group_by(Reaction.item_id, Reaction.kind))
    for item_id, kind, count in rows:
        counts[item_id][kind] = count
    mine: dict[int, set[str]] = defaultdict(set)
    if viewer is not None:
        own = db.session.execute(select(Reaction.item_id, Reaction.kind).where(
            Reaction.item_id.in_(reactable), Reaction.user_id == viewer.id))
        for item_id, kind in own:
            mine[item_id].add(kind)
    for item_id, item in reactable.items():
        item.extras[EXTRAS_KEY] = ItemReactions(allowed_kinds(item), counts[item_id], mine[item_id])


def footers(items: list[Item], viewer: User | None) -> dict[int, Markup]:
    """Buttons for members who may react; counts only for the author and visitors. The
    template is fetched once and rendered without the request's context processors (which
    would build the navigation again for every item)."""
    shown = [item for item in items if item.is_public and EXTRAS_KEY in item.extras]
    if not shown:
        return {}
    template = current_app.jinja_env.get_template("reactions/footer.html")
    labels: dict[str, str] = {}
    next_url = _current_page()
    found = {}
    for item in shown:
        reactions: ItemReactions = item.extras[EXTRAS_KEY]
        labels.update((kind, label(kind)) for kind in reactions.kinds if kind not in labels)
        found[item.id] = Markup(template.render(
            item=item, reactions=reactions, labels=labels, next_url=next_url, signed_in=viewer is not None,
            can_react=viewer is not None and viewer.id != item.author_id))
    return found


def _current_page() -> str:
    return request.full_path.rstrip("?")
