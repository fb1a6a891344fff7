"""Sample profiles for ``forum demo``, in the community's language."""

from __future__ import annotations

from forum.core.api import Item, User, db, submit

from .views import TYPE

# author -> (sex, age group, recovery 0-10, story, message)
PROFILES = {
    "en": {
        "aoi": ("female", "20s", "6",
                "I struggled with low mood through university. Small daily goals and writing down "
                "what went well helped me most.",
                "Be kind to yourself on the slow days. They pass."),
        "ren": ("male", "30s", "4",
                "Work stress kept me from sleeping for a long time. I'm slowly getting my routine back.",
                "Don't carry it all alone. People here understand."),
        "mika": ("prefer_not_to_say", "40s", "8",
                 "Anxiety kept me at home for years. Thought records helped me question my worries.",
                 "Recovery is not a straight line, and that's okay."),
    },
    "ja": {
        "aoi": ("female", "20s", "6",
                "大学時代はずっと気分の落ち込みに悩みました。毎日の小さな目標と、うまくいったことを書き出すのが"
                "一番助けになりました。",
                "調子の出ない日は自分にやさしく。そういう日は過ぎていきます。"),
        "ren": ("male", "30s", "4",
                "仕事のストレスで眠れない時期が続きました。少しずつ生活リズムを整えています。",
                "一人で抱え込まないでください。ここにはわかってくれる人がいます。"),
        "mika": ("prefer_not_to_say", "40s", "8",
                 "不安で何年も家から出られませんでした。思考記録で心配ごとを見直せるようになりました。",
                 "回復はまっすぐな道ではありません。それで大丈夫です。"),
    },
}


def add_demo_profiles(users: dict[str, User], language: str = "en") -> None:
    for name, answers in PROFILES.get(language, PROFILES["en"]).items():
        _add_profile(users[name], *answers)
    db.session.commit()


def _add_profile(author: User, sex: str, age_group: str, recovery: str, story: str, message: str) -> None:
    item = Item(type=TYPE, author=author, visibility="community",
                data={"sex": sex, "age_group": age_group, "recovery": recovery})
    submit(item, {"body": story, "message": message}, is_new=True)
