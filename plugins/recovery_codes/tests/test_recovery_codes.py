"""Recovery codes: ten at registration, shown once, stored hashed, each good for one reset."""

from __future__ import annotations

import json
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from forum.core.api import User, db
from forum.testing import PASSWORD, member_client
from plugins.recovery_codes.models import RecoveryCode

CODE = re.compile(r"<code>([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})</code>")
NEW_PASSWORD = "a new long password"


@pytest.fixture
def app(make_app) -> Flask:
    return make_app(plugins=["recovery_codes"])


def register(app: Flask, name: str = "aoi") -> tuple[FlaskClient, list[str]]:
    client = app.test_client()
    response = client.post("/register", data={"username": name, "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/me/recovery-codes"
    response = client.get("/me/recovery-codes")
    assert response.headers["Cache-Control"] == "no-store"
    return client, CODE.findall(response.get_data(as_text=True))


def recover(client: FlaskClient, code: str, name: str = "aoi", password: str = NEW_PASSWORD):
    return client.post("/recover", data={"username": name, "code": code, "password": password,
                                         "confirm": password})


def can_sign_in(app: Flask, name: str, password: str) -> bool:
    response = app.test_client().post("/login", data={"username": name, "password": password})
    return response.status_code == 302


def test_ten_codes_are_shown_once_and_stored_only_hashed(app):
    client, codes = register(app)
    assert len(codes) == 10 and len(set(codes)) == 10
    again = client.get("/me/recovery-codes").get_data(as_text=True)
    assert CODE.findall(again) == [] and "Make new recovery codes" in again
    with app.app_context():
        hashes = list(db.session.scalars(select(RecoveryCode.code_hash)))
    assert len(hashes) == 10
    stored = " ".join(hashes)
    assert not any(code in stored or code.replace("-", "") in stored for code in codes)
    assert all(h.startswith("scrypt:") for h in hashes)  # the hashing passwords get


def test_a_code_resets_the_password_once(app):
    _client, codes = register(app)
    visitor = app.test_client()
    assert 'href="/recover"' in visitor.get("/login").get_data(as_text=True)
    response = recover(visitor, codes[3].lower().replace("-", " "))  # as typed from paper
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert can_sign_in(app, "aoi", NEW_PASSWORD) and not can_sign_in(app, "aoi", PASSWORD)
    used_again = recover(visitor, codes[3], password="yet another password")
    assert used_again.status_code == 422
    assert "do not match, or the code was used" in used_again.get_data(as_text=True)
    assert can_sign_in(app, "aoi", NEW_PASSWORD)
    with app.app_context():
        assert db.session.scalar(select(RecoveryCode).where(RecoveryCode.used_at.is_not(None))) is not None


def test_a_code_works_only_for_its_own_member(app):
    _aoi, codes = register(app, "aoi")
    register(app, "ren")
    response = recover(app.test_client(), codes[0], name="ren")
    assert response.status_code == 422 and can_sign_in(app, "ren", PASSWORD)
    unknown = recover(app.test_client(), codes[0], name="nobody")
    assert unknown.status_code == 422
    assert 'value="nobody"' in unknown.get_data(as_text=True)  # what the member typed is kept


def test_a_new_set_needs_the_current_password_and_ends_the_old_one(app):
    client, old = register(app)
    page = client.get("/me/data").get_data(as_text=True)
    assert "You have 10 unused recovery codes" in page
    wrong = client.post("/me/recovery-codes", data={"current": "not my password"})
    assert wrong.status_code == 422 and CODE.findall(wrong.get_data(as_text=True)) == []
    fresh = CODE.findall(client.post("/me/recovery-codes", data={"current": PASSWORD}).get_data(as_text=True))
    assert len(fresh) == 10 and not set(fresh) & set(old)
    assert recover(app.test_client(), old[0]).status_code == 422
    assert recover(app.test_client(), fresh[0]).status_code == 302


def test_guessing_is_rate_limited(make_app):
    app = make_app(plugins=["recovery_codes"], limits={"login": "3 per minute"},
                   flask={"RATELIMIT_ENABLED": True})
    member_client(app, "aoi")
    visitor = app.test_client()
    statuses = [recover(visitor, f"AAAA-BBBB-CCC{n}").status_code for n in range(2, 6)]
    assert statuses == [422, 422, 422, 429]


def test_export_counts_codes_and_deleting_the_account_removes_them(app):
    client, codes = register(app)
    recover(app.test_client(), codes[0])
    client = app.test_client()
    client.post("/login", data={"username": "aoi", "password": NEW_PASSWORD})
    exported = json.loads(client.get("/me/export.json").get_data(as_text=True))
    assert exported["recovery_codes"] == {"unused": 9}
    assert not any(code in json.dumps(exported) for code in codes)
    assert client.post("/me/delete", data={"password": NEW_PASSWORD}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(RecoveryCode.id)) is None
        assert db.session.scalar(select(User.id)) is None
