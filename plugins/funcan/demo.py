"""Sample FunCan entries for ``forum demo``: private and shared, in the community's language."""

from __future__ import annotations

from datetime import date, timedelta

from forum.core.api import Item, User, db, submit

from .views import TYPE

# (author, text, category, days ago, visibility), in the community's language.
ENTRIES = {
    "en": [
        ("aoi", "Went for a 20-minute walk by the river before breakfast. The air was so fresh.",
         "activity", 1, "community"),
        ("aoi", "Cooked a proper dinner for myself for the first time this week.", "self_care", 0, "private"),
        ("ren", "Called an old friend I had been avoiding. It went much better than I feared.",
         "social", 2, "community"),
        ("mika", "Drew for the first time in months. Only 30 minutes, but I really enjoyed it.",
         "creative", 1, "community"),
        ("mika", "Finished the report I had been putting off for days.", "work_study", 3, "private"),
    ],
    "ja": [
        ("aoi", "朝ごはんの前に川沿いを20分散歩しました。空気がとても気持ちよかったです。",
         "activity", 1, "community"),
        ("aoi", "今週初めて、自分のためにちゃんとした夕ご飯を作りました。", "self_care", 0, "private"),
        ("ren", "避けていた古い友人に電話しました。思っていたよりずっとうまく話せました。",
         "social", 2, "community"),
        ("mika", "久しぶりに絵を描きました。30分だけでしたが、とても楽しかったです。",
         "creative", 1, "community"),
        ("mika", "何日も先延ばしにしていたレポートを仕上げました。", "work_study", 3, "private"),
    ],
}


def add_demo_entries(users: dict[str, User], language: str = "en") -> None:
    for author, text, category, days_ago, visibility in ENTRIES.get(language, ENTRIES["en"]):
        _add_entry(users[author], text, category, days_ago, visibility)
    db.session.commit()


def _add_entry(author: User, text: str, category: str, days_ago: int, visibility: str) -> None:
    day = date.today() - timedelta(days=days_ago)
    item = Item(type=TYPE, author=author, visibility=visibility,
                data={"category": category, "day": day.isoformat()})
    submit(item, {"body": text}, is_new=True)
