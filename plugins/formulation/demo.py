"""Sample formulations for ``forum demo``: shared and private, English and Japanese."""

from __future__ import annotations

from forum.core.api import Item, User, submit

from .views import CONTENT_TYPE

SAMPLES = [
    ("aoi", "community", {
        "situation": "Asked to give a short talk at the team meeting on Monday.",
        "thoughts": "I'll go blank and everyone will see how nervous I am.",
        "feelings": "Anxious, embarrassed",
        "sensations": "Heart racing, hot face, shaky hands",
        "behaviour": "Said I was ill and stayed at home, which made me believe even more that I can't do it.",
    }),
    ("ren", "private", {
        "situation": "Woke up late on a Saturday with nothing planned.",
        "thoughts": "There's no point getting up. I never do anything right.",
        "feelings": "Low, empty",
        "sensations": "Heavy limbs, tired",
        "behaviour": "Stayed in bed scrolling on my phone until the afternoon.",
    }),
    ("mika", "community", {
        "situation": "友達からのメッセージに既読がついたのに、半日返信がなかった。",
        "thoughts": "何か気に障ることを言ってしまったに違いない。嫌われたかもしれない。",
        "feelings": "不安、悲しい",
        "sensations": "胸がざわざわする、眠れない",
        "behaviour": "何度もスマホを確認して、謝りのメッセージを送ろうか迷い続けた。",
    }),
]


def add_demo_formulations(users: dict[str, User]) -> None:
    for author, visibility, texts in SAMPLES:
        formulation = Item(type=CONTENT_TYPE, author=users[author], visibility=visibility, data={})
        submit(formulation, texts, is_new=True)
