# ruff: noqa: E501  (sample texts read best one field per line)
"""Sample thought records for ``forum demo``: shared and private, in the community's language."""

from __future__ import annotations

from forum.core.api import Item, User, submit

from .emotions import NAMES_FIELD, Emotion, names_text
from .views import CONTENT_TYPE

SAMPLES = {
    "en": [
        ("aoi", "community", {
            "situation": "My friend did not answer my message for two days.",
            "automatic_thoughts": "She is annoyed with me. I always say the wrong thing.",
            "evidence_for": "Last month she said I had been quiet.",
            "evidence_against": "She told me she is busy with exams. She invited me to her birthday.",
            "balanced_thought": "She is probably busy. If something is wrong, I can ask her kindly.",
        }, [Emotion("Anxious", 80, 40), Emotion("Sad", 60, 30)]),
        ("ren", "private", {
            "situation": "I made a mistake in a report at work and my manager pointed it out.",
            "automatic_thoughts": "I am useless. They will think I can't do this job.",
            "evidence_for": "I did make the mistake.",
            "evidence_against": "My manager also said the rest of the report was clear. Everyone makes mistakes.",
            "balanced_thought": "One mistake does not make me useless. I fixed it, and I can check "
                                "more slowly next time.",
        }, [Emotion("Ashamed", 90, 50), Emotion("Worried", 70, 45)]),
        ("mika", "community", {
            "situation": "On the train this morning I suddenly couldn't breathe and got off at the next station.",
            "automatic_thoughts": "I might collapse again. I can never take the train again.",
            "evidence_for": "I have felt breathless like this before.",
            "evidence_against": "I have never actually collapsed. After ten minutes' rest I felt calm.",
            "balanced_thought": "Even when it gets hard, it always passes. I could manage a local train.",
        }, [Emotion("Anxious", 90, 50), Emotion("Low", 70, 40)]),
    ],
    "ja": [
        ("aoi", "community", {
            "situation": "友達が2日間メッセージに返信してくれなかった。",
            "automatic_thoughts": "怒らせてしまったんだ。いつも余計なことを言ってしまう。",
            "evidence_for": "先月、最近おとなしいねと言われた。",
            "evidence_against": "試験で忙しいと言っていた。誕生日会にも誘ってくれた。",
            "balanced_thought": "たぶん忙しいだけ。何かあったなら、やさしく聞いてみればいい。",
        }, [Emotion("不安", 80, 40), Emotion("悲しい", 60, 30)]),
        ("ren", "private", {
            "situation": "仕事の報告書でミスをして、上司に指摘された。",
            "automatic_thoughts": "自分は役に立たない。この仕事は無理だと思われる。",
            "evidence_for": "ミスをしたのは事実だ。",
            "evidence_against": "上司は他の部分はわかりやすいとも言ってくれた。ミスは誰にでもある。",
            "balanced_thought": "一度のミスで役に立たないわけではない。直したし、次はゆっくり確認できる。",
        }, [Emotion("恥ずかしい", 90, 50), Emotion("心配", 70, 45)]),
        ("mika", "community", {
            "situation": "朝、電車の中で急に息苦しくなり、途中の駅で降りてしまった。",
            "automatic_thoughts": "また倒れるかもしれない。もう電車には乗れない。",
            "evidence_for": "前にも同じように苦しくなったことがある。",
            "evidence_against": "これまで一度も倒れたことはない。10分ほど休んだら落ち着いた。",
            "balanced_thought": "苦しくなっても、しばらくすると必ずおさまる。各駅停車なら乗れそうだ。",
        }, [Emotion("不安", 90, 50), Emotion("落ち込み", 70, 40)]),
    ],
}


def add_demo_records(users: dict[str, User], language: str = "en") -> None:
    for author, visibility, texts, emotions in SAMPLES.get(language, SAMPLES["en"]):
        record = Item(type=CONTENT_TYPE, author=users[author], visibility=visibility,
                      data={"emotions": [emotion.as_data() for emotion in emotions]})
        submit(record, {**texts, NAMES_FIELD: names_text(emotions)}, is_new=True)
