"""Pseudonyms that pass for someone else are refused (issue 14, finding 6), and two people
racing for one name both get an answer (finding 14)."""

import threading

import pytest
from sqlalchemy import func, select

from forum.core.api import User, db
from forum.testing import add_user

GOOD = "a long enough password"


def register(client, name):
    return client.post("/register", data={"username": name, "password": GOOD, "confirm": GOOD})


@pytest.mark.parametrize("impostor", [
    "sоra_mod",  # Cyrillic о
    "sorа_mod",  # Cyrillic а
    "ѕora_mod",  # Cyrillic dze
    "SORA-MOD", "sora.mod", "sora_m0d", "ｓｏｒａ＿ｍｏｄ",
])
def test_look_alikes_of_a_taken_name_are_taken(app, client, impostor):
    add_user(app, "sora_mod", role="moderator")
    response = register(client, impostor)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "That name is taken" in page or "one alphabet" in page


def test_greek_and_dotless_i_look_alikes_are_one_name(app, client):
    add_user(app, "aoi_kato")
    for impostor in ("aoı_kato", "αoi_kato", "aοi_kato"):  # dotless ı, Greek α, Greek ο
        assert register(client, impostor).status_code == 422, impostor


@pytest.mark.parametrize("name", ["aoi\u3164", "\u3164\u3164\u3164", "a\u200boi_x", "ao\u2060ix",
                                  "aoi\u00ad_x", "ren\u115f"])
def test_invisible_characters_are_refused_with_a_clear_message(client, name):
    response = register(client, name)
    assert response.status_code == 422
    assert "invisible characters" in response.get_data(as_text=True)


@pytest.mark.parametrize("name", ["sоra", "Ρoland", "mixaд"])
def test_mixed_scripts_are_refused(client, name):
    response = register(client, name)
    assert response.status_code == 422 and "one alphabet" in response.get_data(as_text=True)


@pytest.mark.parametrize("name", ["さくら_sakura", "桜さくら", "ゆうきー", "Ελένη", "Иван", "ren_2"])
def test_names_in_one_writing_system_are_fine(client, name):
    assert register(client, name).status_code == 302, name


@pytest.mark.parametrize("name", ["admin", "Admin", "ADMIN2", "system", "Moderator", "moderator_sora",
                                  "deleted_member", "deleted-member", "host", "staff", "the_official",
                                  "管理者", "運営チーム", "モデレーター", "スタッフ_1", "ｓｙｓｔｅｍ"])
def test_reserved_names_are_refused(client, name):
    response = register(client, name)
    assert response.status_code == 422 and "kept for the community" in response.get_data(as_text=True)


def test_badminton_is_not_an_admin(client):
    assert register(client, "badminton_fan").status_code == 302


def test_a_race_for_one_name_answers_name_taken_never_500(make_app):
    """Issue 14, finding 14: 3 of 30 concurrent registrations of one name answered 500."""
    app = make_app(flask={"PROPAGATE_EXCEPTIONS": False})
    start = threading.Barrier(8)
    codes: list[int] = []

    def attempt() -> None:
        client = app.test_client()
        start.wait()
        codes.append(register(client, "racer_name").status_code)

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(set(codes)) <= [302, 422] and codes.count(302) == 1, codes
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == 1


def test_the_unique_key_catches_what_the_check_missed(app, client, monkeypatch):
    """The check before the insert can lose a race; the database's unique key answers then."""
    import forum.core.auth as auth

    add_user(app, "taken_name")
    monkeypatch.setattr(auth, "validate_username", auth.name_problem)  # skip the look-up
    response = register(client, "Taken_Name")
    assert response.status_code == 422 and "That name is taken" in response.get_data(as_text=True)


def test_members_who_joined_before_the_new_key_still_sign_in(app):
    from forum.core.database import init_db
    from forum.testing import login

    add_user(app, "sora_mod")
    with app.app_context():
        user = db.session.scalar(select(User))
        user.username_key = "sora_mod"  # the key as the old NFKC + casefold gave it
        db.session.commit()
    init_db(app)
    with app.app_context():
        assert db.session.scalar(select(User.username_key)) == "soramod"
    login(app.test_client(), "sora_mod")
