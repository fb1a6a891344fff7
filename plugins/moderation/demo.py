"""Demo content: one held post and one member report waiting in the review queue, and a safety
alert about a private entry that the demo moderator has claimed and answered (outreach).

In pre-moderation every sample post of the other plugins would wait too, and the demo
community would look empty; so the demo moderator first approves that backlog (this hook
runs last), as a moderator would have done by the time a visitor looks around.
"""

from __future__ import annotations

from sqlalchemy import select

from forum.core.api import Board, Item, User, db, submit

from . import decisions
from .outreach import reply_from_member, write_to_member
from .queue import private_alert_reason, queue_query, raise_alert, record_report

# The demo's sample texts in the community's language (member text is not translated by the
# catalogs: it is what members wrote). Each: reported topic, the report's note, a topic asking to
# move off the platform (held: contact details), the approval note, the check-in and its answer.
SAMPLES = {
    "en": {
        "reported": ("Exercise doesn't fix everything",
                     "People who keep saying a walk will fix your mood just don't get it. "
                     "Some days I can't even get out of bed."),
        "report_note": "It felt dismissive of people for whom walking does help.",
        "contact": ("Anyone want to talk outside the forum?",
                    "It would be easier to chat directly. My LINE ID: mika_sun_22, "
                    "or text me on 090-1234-5678."),
        "approved": "Demo: read and approved.",
        "check_in": ("Hi ren, this is Sora from the moderator team. Something you wrote privately made us "
                     "want to check in. How are you doing tonight? The crisis lines under "
                     "\"Need help now?\" are open around the clock.",
                     "Thanks for asking. It was a bad evening, but I'm a bit calmer now."),
    },
    "ja": {
        "reported": ("運動で全部よくなるわけじゃない",
                     "散歩すれば気分がよくなるって言う人たちは、わかってないと思う。"
                     "ベッドから起き上がれない日だってあるのに。"),
        "report_note": "散歩が助けになっている人を否定しているように感じました。",
        "contact": ("フォーラムの外で話せる人いますか？",
                    "直接やりとりした方が楽なので。LINEのIDは mika_sun_22、電話なら090-1234-5678にどうぞ。"),
        "approved": "デモ：読んで承認しました。",
        "check_in": ("renさん、モデレーターのsoraです。非公開の記録の内容が気になって、声をかけました。"
                     "今夜はどう過ごしていますか？「今すぐ助けが必要ですか？」の相談窓口は24時間つながります。",
                     "気にかけてくれてありがとう。つらい夜だったけど、今は少し落ち着いています。"),
    },
}


def add_demo_content(users: dict[str, User], language: str = "en") -> None:
    board = db.session.scalar(select(Board).order_by(Board.position, Board.id))
    if board is None:
        return
    texts = SAMPLES.get(language, SAMPLES["en"])
    reported = _topic(users["ren"], board, *texts["reported"])
    _approve_backlog(users["sora_mod"], texts["approved"])
    record_report(reported, users["mika"], "hurtful", texts["report_note"])
    _topic(users["mika"], board, *texts["contact"])
    _check_in(users["ren"], users["sora_mod"], texts["check_in"])


def _check_in(member: User, moderator: User, texts: tuple[str, str]) -> None:
    """A risky private entry's content-free alert, claimed and answered: the outreach path."""
    alert = raise_alert(member, private_alert_reason("urgent"), None, urgent=True, tier="urgent")
    db.session.commit()
    write_to_member(alert, moderator, texts[0])
    reply_from_member(member, texts[1])


def _approve_backlog(moderator: User, note: str) -> None:
    held = [entry for entry in db.session.scalars(queue_query()).unique()
            if entry.kind == "held" and not entry.rules]  # held only because of pre-moderation
    for entry in held:
        decisions.approve(entry, moderator, note)


def _topic(author: User, board: Board, title: str, body: str) -> Item:
    topic = Item(type="discussion", author=author, board_id=board.id, visibility="community")
    submit(topic, {"title": title, "body": body}, is_new=True)
    return topic
