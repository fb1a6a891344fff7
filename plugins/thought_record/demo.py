"""Sample thought records for ``forum demo``: shared and private, English and Japanese."""

from __future__ import annotations

from forum.core.api import Item, User, submit

from .emotions import NAMES_FIELD, Emotion, names_text
from .views import CONTENT_TYPE

SAMPLES = [
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
        "situation": "朝、電車の中で急に息苦しくなり、途中の駅で降りてしまった。",
        "automatic_thoughts": "また倒れるかもしれない。もう電車には乗れない。",
        "evidence_for": "前にも同じように苦しくなったことがある。",
        "evidence_against": "これまで一度も倒れたことはない。10分ほど休んだら落ち着いた。",
        "balanced_thought": "苦しくなっても、しばらくすると必ずおさまる。各駅停車なら乗れそうだ。",
    }, [Emotion("不安", 90, 50), Emotion("落ち込み", 70, 40)]),
]


def add_demo_records(users: dict[str, User]) -> None:
    for author, visibility, texts, emotions in SAMPLES:
        record = Item(type=CONTENT_TYPE, author=users[author], visibility=visibility,
                      data={"emotions": [emotion.as_data() for emotion in emotions]})
        submit(record, {**texts, NAMES_FIELD: names_text(emotions)}, is_new=True)
