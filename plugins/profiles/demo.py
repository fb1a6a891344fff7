"""Sample profiles for ``forum demo``, in English and Japanese, with a Like or two."""

from __future__ import annotations

from forum.core.api import Item, Reaction, User, db, forum_state, submit

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
# (who likes, whose profile)
LIKES = [("ren", "aoi"), ("aoi", "mika"), ("mika", "ren")]


def add_demo_profiles(users: dict[str, User]) -> None:
    profiles = {name: _add_profile(users[name], *answers) for name, answers in PROFILES.items()}
    policy = forum_state().policies.get(TYPE)
    if policy is not None and "like" in policy.reactions:
        for liker, owner in LIKES:
            if profiles[owner].is_public:
                db.session.add(Reaction(item_id=profiles[owner].id, user_id=users[liker].id, kind="like"))
        db.session.commit()


def _add_profile(author: User, sex: str, age_group: str, recovery: str, story: str, message: str) -> Item:
    item = Item(type=TYPE, author=author, visibility="community",
                data={"sex": sex, "age_group": age_group, "recovery": recovery})
    submit(item, {"body": story, "message": message}, is_new=True)
    return item
