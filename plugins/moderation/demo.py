"""Demo content: one held post and one member report waiting in the review queue.

In pre-moderation every sample post of the other plugins would wait too, and the demo
community would look empty; so the demo moderator first approves that backlog (this hook
runs last), as a moderator would have done by the time a visitor looks around.
"""

from __future__ import annotations

from sqlalchemy import select

from forum.core.api import Board, Item, User, db, submit

from . import decisions
from .queue import queue_query, record_report


def add_demo_content(users: dict[str, User]) -> None:
    board = db.session.scalar(select(Board).order_by(Board.position, Board.id))
    if board is None:
        return
    reported = _topic(users["ren"], board, "Exercise doesn't fix everything",
                      "People who keep saying a walk will fix your mood just don't get it. "
                      "Some days I can't even get out of bed.")
    _approve_backlog(users["sora_mod"])
    record_report(reported, users["mika"], "hurtful",
                  "It felt dismissive of people for whom walking does help.")
    _topic(users["mika"], board, "Anyone want to talk outside the forum?",
           "It would be easier to chat directly. My LINE ID: mika_sun_22, or text me on 090-1234-5678.")


def _approve_backlog(moderator: User) -> None:
    held = [entry for entry in db.session.scalars(queue_query()).unique()
            if entry.kind == "held" and not entry.rules]  # held only because of pre-moderation
    for entry in held:
        decisions.approve(entry, moderator, "Demo: read and approved.")


def _topic(author: User, board: Board, title: str, body: str) -> Item:
    topic = Item(type="discussion", author=author, board_id=board.id, visibility="community")
    submit(topic, {"title": title, "body": body}, is_new=True)
    return topic
