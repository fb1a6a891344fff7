"""Demo reactions: the demo members answer each other's shared items with the allowed kinds."""

from __future__ import annotations

from sqlalchemy import select

from forum.core.api import Item, User, db, public_only, reaction_policy

from .models import Reaction


def add_demo_reactions(users: dict[str, User]) -> None:
    """A few reactions on every shared item whose type accepts them, never by its author; the
    same every time (the demo is reproducible)."""
    members = sorted(users.values(), key=lambda user: user.id)
    items = db.session.scalars(select(Item).where(public_only()).order_by(Item.id))
    for position, item in enumerate(items):
        policy = reaction_policy(item.type)
        if policy is None or not policy.reactions:
            continue
        others = [member for member in members if member.id != item.author_id]
        for turn, member in enumerate(others[: 1 + position % 2]):
            kind = policy.reactions[(position + turn) % len(policy.reactions)]
            db.session.add(Reaction(item_id=item.id, user_id=member.id, kind=kind))
    db.session.commit()
