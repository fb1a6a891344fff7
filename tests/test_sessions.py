"""Sessions end when they should: sign-out, password change, "sign out everywhere", deletion;
ids are never given twice; the password policy; sign-in that reveals nothing by its timing."""

import time

import pytest
from sqlalchemy import select

from forum.core.api import Item, User, db
from forum.core.auth import common_passwords, password_problem
from forum.testing import PASSWORD, add_user, login

GOOD = "a long enough password"


def remembered_client(app, name, password=PASSWORD):
    client = app.test_client()
    response = client.post("/login", data={"username": name, "password": password, "remember": "y"})
    assert response.status_code == 302
    return client


def cookies_of(client):
    return {cookie.key: cookie.value for cookie in client._cookies.values()}


def client_with(app, cookies):
    client = app.test_client()
    for key, value in cookies.items():
        client.set_cookie(key, value)
    return client


def signed_in(client):
    return "Sign out" in client.get("/").get_data(as_text=True)


def only_remember_cookie(app, cookies):
    """A browser that kept only the remember-me cookie (the session cookie expired)."""
    return client_with(app, {"remember_token": cookies["remember_token"]})


def test_cookies_carry_a_random_token_not_the_member_id(app):
    user = add_user(app, "aoi")
    client = remembered_client(app, "aoi")
    remember = cookies_of(client)["remember_token"]
    assert not remember.startswith(f"{user.id}|")
    with app.app_context():
        token = db.session.get(User, user.id).session_token
    assert remember.startswith(f"{token}|") and len(token) >= 40


def test_a_captured_session_stops_working_after_sign_out(app):
    add_user(app, "aoi")
    client = remembered_client(app, "aoi")
    captured = cookies_of(client)
    assert client.post("/logout").status_code == 302
    assert not signed_in(client_with(app, captured))
    assert not signed_in(only_remember_cookie(app, captured))


def test_sign_out_everywhere_ends_every_device(app):
    add_user(app, "aoi")
    phone, laptop = remembered_client(app, "aoi"), remembered_client(app, "aoi")
    phone_cookies = cookies_of(phone)
    page = laptop.get("/me/data").get_data(as_text=True)
    assert "Sign out everywhere" in page
    assert laptop.post("/me/sign-out-everywhere").status_code == 302
    assert not signed_in(laptop)
    assert not signed_in(phone) and not signed_in(only_remember_cookie(app, phone_cookies))
    login(laptop, "aoi")
    assert signed_in(laptop)


def test_password_change_keeps_this_device_and_signs_out_the_others(app):
    add_user(app, "aoi")
    here, elsewhere = remembered_client(app, "aoi"), remembered_client(app, "aoi")
    assert "Change your password" in here.get("/me/password").get_data(as_text=True)
    wrong = here.post("/me/password", data={"current": "not it at all", "password": GOOD, "confirm": GOOD})
    assert wrong.status_code == 422 and "not right" in wrong.get_data(as_text=True)
    weak = here.post("/me/password", data={"current": PASSWORD, "password": "password123",
                                           "confirm": "password123"})
    assert weak.status_code == 422 and "most common" in weak.get_data(as_text=True)
    changed = here.post("/me/password", data={"current": PASSWORD, "password": GOOD, "confirm": GOOD})
    assert changed.status_code == 302
    assert signed_in(here) and not signed_in(elsewhere)
    other = app.test_client()
    login(other, "aoi", GOOD)
    assert other.post("/login", data={"username": "aoi", "password": PASSWORD}).status_code == 422


def test_a_deleted_members_cookies_never_sign_in_as_the_next_member(app):
    """Issue 14, finding 1: ids were reused and cookies carried only the id."""
    add_user(app, "first")
    old = remembered_client(app, "first")
    captured = cookies_of(old)
    with app.app_context():
        first_id = db.session.scalar(select(User.id))
        entry = Item(type="note", author_id=first_id, body="first's item", visibility="private")
        db.session.add(entry)
        db.session.commit()
        first_item = entry.id
    assert old.post("/me/delete", data={"password": PASSWORD}).status_code == 302
    second = add_user(app, "second")
    with app.app_context():
        entry = Item(type="note", author_id=second.id, body="second's diary", visibility="private")
        db.session.add(entry)
        db.session.commit()
        assert entry.id != first_item
    assert second.id != first_id
    for client in (client_with(app, captured), only_remember_cookie(app, captured)):
        assert not signed_in(client)
        assert client.get("/me/export.json").status_code in (302, 401)


@pytest.mark.parametrize("password, problem", [
    ("password", "at least 10"), ("12345678", "at least 10"), ("1234567890", "most common"),
    ("qwertyuiop", "most common"), ("aoi_sakura!", "too easy"), ("xxxxxxxxxxxx", "too easy"),
    ("AOI_SAKURA2024", "too easy"),
])
def test_weak_passwords_are_refused(app, password, problem):
    with app.test_request_context():
        assert problem in password_problem(password, "aoi_sakura")


def test_strong_passwords_and_passphrases_pass(app):
    with app.test_request_context():
        for password in (GOOD, "ねこ いぬ そら", "tram lunch violet", "k7#Rw9!pQz"):
            assert password_problem(password, "aoi") is None, password
    assert len(common_passwords()) == 10_000 and "letmein" in common_passwords()


def test_registration_refuses_the_pseudonym_as_password(client):
    response = client.post("/register", data={"username": "sakura_tree", "password": "sakura_tree",
                                               "confirm": "sakura_tree"})
    assert response.status_code == 422 and "too easy" in response.get_data(as_text=True)


def _sign_in_seconds(client, name, tries=3):
    started = time.perf_counter()
    for _ in range(tries):
        answer = client.post("/login", data={"username": name, "password": "wrong password!"})
        assert answer.status_code == 422
    return (time.perf_counter() - started) / tries


def test_sign_in_takes_as_long_for_unknown_names(app, client):
    """Issue 14, finding 11: scrypt ran only for existing names."""
    client.post("/register", data={"username": "realname", "password": GOOD, "confirm": GOOD})
    client.post("/logout")
    _sign_in_seconds(client, "nobody_here", 1)  # warm the dummy hash
    known, unknown = _sign_in_seconds(client, "realname"), _sign_in_seconds(client, "nobody_here")
    assert unknown > known * 0.5, (known, unknown)


@pytest.mark.parametrize("path, data", [
    ("/login", {"username": "aoi", "password": "wrong password"}),
    ("/me/delete", {"password": "wrong password"}),
    ("/me/password", {"current": "wrong password", "password": GOOD, "confirm": GOOD}),
])
def test_every_password_check_is_rate_limited(make_app, path, data):
    app = make_app(flask={"RATELIMIT_ENABLED": True}, limits={"login": "3 per minute"})
    add_user(app, "aoi")
    client = app.test_client()
    if path != "/login":
        login(client, "aoi")
    codes = [client.post(path, data=data).status_code for _ in range(5)]
    assert codes[-1] == 429 and 429 not in codes[:2], codes
