"""Sample profiles for ``forum demo``, in English and Japanese."""

from __future__ import annotations

from forum.core.api import Item, User, db, submit

from .views import TYPE

# author -> (sex, age group, recovery 0-10, story, message)
PROFILES = {
    "aoi": ("female", "20s", "6",
            "I struggled with low mood through university. Small daily goals and writing down "
            "what went well helped me most.",
            "Be kind to yourself on the slow days. They pass."),
    "ren": ("male", "30s", "4",
            "仕事のストレスで眠れない時期が続きました。少しずつ生活リズムを整えています。",
            "一人で抱え込まないでください。ここにはわかってくれる人がいます。"),
    "mika": ("prefer_not_to_say", "40s", "8",
             "Anxiety kept me at home for years. Thought records helped me question my worries.",
             "Recovery is not a straight line, and that's okay."),
}


def add_demo_profiles(users: dict[str, User]) -> None:
    for name, answers in PROFILES.items():
        _add_profile(users[name], *answers)
    db.session.commit()


def _add_profile(author: User, sex: str, age_group: str, recovery: str, story: str, message: str) -> None:
    item = Item(type=TYPE, author=author, visibility="community",
                data={"sex": sex, "age_group": age_group, "recovery": recovery})
    submit(item, {"body": story, "message": message}, is_new=True)
