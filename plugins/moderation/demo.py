"""Demo content: one held post and one member report waiting in the review queue."""

from __future__ import annotations

from sqlalchemy import select

from forum.core.api import Board, Item, User, db, submit

from . import decisions
from .queue import open_entry, record_report


def add_demo_content(users: dict[str, User]) -> None:
    board = db.session.scalar(select(Board).order_by(Board.position, Board.id))
    if board is None:
        return
    reported = _topic(users["ren"], board, "Exercise doesn't fix everything",
                      "People who keep saying a walk will fix your mood just don't get it. "
                      "Some days I can't even get out of bed.")
    entry = open_entry(reported.id)
    if reported.status == "held" and entry is not None:  # pre-moderation: a moderator read it
        decisions.approve(entry, users["sora_mod"], "Venting, but fine.")
    record_report(reported, users["mika"], "hurtful",
                  "It felt dismissive of people for whom walking does help.")
    _topic(users["mika"], board, "Anyone want to talk outside the forum?",
           "It would be easier to chat directly. My LINE ID: mika_sun_22, or text me on 090-1234-5678.")


def _topic(author: User, board: Board, title: str, body: str) -> Item:
    topic = Item(type="discussion", author=author, board_id=board.id, visibility="community")
    submit(topic, {"title": title, "body": body}, is_new=True)
    return topic
