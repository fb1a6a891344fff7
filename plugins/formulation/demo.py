# ruff: noqa: E501  (sample texts read best one field per line)
"""Sample formulations for ``forum demo``: shared and private, in the community's language."""

from __future__ import annotations

from forum.core.api import Item, User, submit

from .views import CONTENT_TYPE

SAMPLES = {
    "en": [
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
            "situation": "A friend read my message but didn't reply for half a day.",
            "thoughts": "I must have said something wrong. Maybe she dislikes me now.",
            "feelings": "Anxious, sad",
            "sensations": "Restless chest, couldn't sleep",
            "behaviour": "Checked my phone again and again and kept wondering whether to send an apology.",
        }),
    ],
    "ja": [
        ("aoi", "community", {
            "situation": "月曜日のチーム会議で短い発表を頼まれた。",
            "thoughts": "頭が真っ白になって、緊張しているのがみんなにばれる。",
            "feelings": "不安、恥ずかしい",
            "sensations": "動悸、顔がほてる、手が震える",
            "behaviour": "体調が悪いと言って休んだ。そのせいで「やっぱり自分にはできない」と余計に思うようになった。",
        }),
        ("ren", "private", {
            "situation": "予定のない土曜日、遅くに目が覚めた。",
            "thoughts": "起きても意味がない。何をやってもうまくいかない。",
            "feelings": "落ち込み、むなしさ",
            "sensations": "手足が重い、だるい",
            "behaviour": "午後までベッドの中でスマホを見続けた。",
        }),
        ("mika", "community", {
            "situation": "友達からのメッセージに既読がついたのに、半日返信がなかった。",
            "thoughts": "何か気に障ることを言ってしまったに違いない。嫌われたかもしれない。",
            "feelings": "不安、悲しい",
            "sensations": "胸がざわざわする、眠れない",
            "behaviour": "何度もスマホを確認して、謝りのメッセージを送ろうか迷い続けた。",
        }),
    ],
}


def add_demo_formulations(users: dict[str, User], language: str = "en") -> None:
    for author, visibility, texts in SAMPLES.get(language, SAMPLES["en"]):
        formulation = Item(type=CONTENT_TYPE, author=users[author], visibility=visibility, data={})
        submit(formulation, texts, is_new=True)
