"""Consent, recording once per member, function and day, and withdrawal."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select

from forum.core.api import ConfigError, User, db, record_usage
from forum.testing import add_user, login, member_client
from plugins.research.models import ResearchConsent, UsageEvent


@pytest.fixture
def app(make_app):
    return make_app(plugins=["research"])


def events(app) -> list[tuple[str, str]]:
    with app.app_context():
        rows = db.session.execute(select(User.username, UsageEvent.function).join(
            User, User.id == UsageEvent.user_id).order_by(User.username, UsageEvent.function))
        return [tuple(row) for row in rows]


def consenting_client(app, name: str):
    client = member_client(app, name)
    response = client.post("/research/consent", data={"agree": "y"})
    assert response.status_code == 302
    return client


def test_consent_page_says_what_is_recorded_and_how_to_withdraw(app):
    page = member_client(app, "aoi").get("/research/").get_data(as_text=True)
    for words in ("Signing in", "Reading profiles", "Discussions", "not the time",
                  "Never what you write or read", "delete everything recorded about you"):
        assert words in page
    assert 'type="checkbox"' in page


def test_consent_needs_the_box_ticked(app):
    client = member_client(app, "aoi")
    response = client.post("/research/consent", data={})
    assert response.status_code == 422
    assert "Tick the box to take part" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(ResearchConsent)).all() == []


def test_consenting_member_is_recorded_once_per_function_and_day(app):
    add_user(app, "ren")
    client = consenting_client(app, "aoi")
    for _ in range(2):
        client.post("/logout")
        login(client, "aoi")
    for _ in range(3):
        assert client.get("/u/ren").status_code == 200
    assert events(app) == [("aoi", "read_profiles"), ("aoi", "sign_in")]


def test_members_who_did_not_consent_are_never_recorded(app):
    add_user(app, "aoi")
    client = member_client(app, "ren")
    client.get("/u/aoi")
    assert events(app) == []


def test_repeated_page_views_neither_write_nor_ask_again(app):
    add_user(app, "ren")
    client = consenting_client(app, "aoi")
    client.get("/u/ren")
    statements: list[str] = []

    def remember(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", remember)
    try:
        for _ in range(5):
            assert client.get("/u/ren").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert statements  # the pages did run queries
    assert not [s for s in statements if "usage_events" in s or "research_consents" in s]


def test_a_row_written_by_another_process_is_not_duplicated(app):
    aoi = add_user(app, "aoi")
    with app.app_context():
        db.session.add(ResearchConsent(user_id=aoi.id))
        db.session.commit()
    for _ in range(2):
        with app.test_request_context():
            app.extensions["research"].today.pairs.clear()  # a fresh worker knows nothing yet
            record_usage(db.session.get(User, aoi.id), "discussions")
    assert events(app) == [("aoi", "discussions")]


@pytest.mark.parametrize(("listed", "expected"), [
    ([], []),  # the default list: the core's functions and each content type's
    (["sign_in", "breathing"], [("aoi", "breathing")]),  # the host asks members about it
])
def test_only_functions_the_consent_page_lists_are_recorded(make_app, listed, expected):
    app = make_app(plugins=["research"], research={"functions": listed})
    aoi = add_user(app, "aoi")
    with app.app_context():
        db.session.add(ResearchConsent(user_id=aoi.id))
        db.session.commit()
    with app.test_request_context():
        record_usage(db.session.get(User, aoi.id), "breathing")  # a plugin's own function
    assert events(app) == expected


def test_host_listed_functions_appear_on_the_consent_page(make_app):
    app = make_app(plugins=["research"], research={"functions": ["sign_in", "breathing_exercise"]})
    page = member_client(app, "aoi").get("/research/").get_data(as_text=True)
    assert "<li>Signing in</li><li>Breathing exercise</li></ul>" in page


def test_withdrawal_stops_recording_and_deletes_what_was_recorded(app):
    add_user(app, "ren")
    client = consenting_client(app, "aoi")
    client.get("/u/ren")
    assert events(app) == [("aoi", "read_profiles")]
    response = client.post("/research/withdraw")
    assert response.status_code == 302
    assert events(app) == []
    client.post("/logout")
    login(client, "aoi")
    client.get("/u/ren")
    assert events(app) == []
    with app.app_context():
        assert db.session.scalars(select(ResearchConsent)).all() == []
    assert "Take part" in client.get("/research/").get_data(as_text=True)


def test_member_export_and_delete_hooks(app):
    add_user(app, "ren")
    client = consenting_client(app, "aoi")
    client.get("/u/ren")
    with app.app_context(), app.test_request_context():
        hook = app.extensions["forum"].hook
        user = db.session.scalar(select(User).where(User.username == "aoi"))
        parts = hook.forum_member_export(user=user)
        exported = next(part["research"] for part in parts if "research" in part)
        assert [entry["function"] for entry in exported["usage"]] == ["read_profiles"]
        assert exported["consented_at"] is not None
        hook.forum_member_delete(user=user)
        db.session.commit()  # the deletion's one commit: the hook itself never commits
    assert events(app) == []


def test_disabled_plugin_leaves_no_route_or_link(make_app):
    app = make_app(plugins=[])
    client = member_client(app, "aoi")
    assert client.get("/research/").status_code == 404
    assert "/research" not in client.get("/").get_data(as_text=True)


def test_bad_settings_stop_start_up(make_app):
    with pytest.raises(ConfigError, match=r"\[research\] window_days is 0, out of range. Fix: use a number"):
        make_app(plugins=["research"], research={"window_days": 0})
    with pytest.raises(ConfigError, match=r"usage function name\(s\) \['Sign in'\] are not valid"):
        make_app(plugins=["research"], research={"functions": ["Sign in"]})


def test_japanese_consent_page(make_app):
    app = make_app(plugins=["research"], community={"language": "ja"})
    page = member_client(app, "あおい").get("/research/").get_data(as_text=True)
    assert "コミュニティの使われ方に関する研究" in page and "ログイン" in page and "協力する" in page


def test_consent_page_gives_the_mapping_and_the_minimum(make_app):
    app = make_app(plugins=["research"], research={"min_observed_days": 14})
    page = member_client(app, "aoi").get("/research/").get_data(as_text=True)
    for words in ("Days used are divided by the days observed", "under 12 days a year",
                  "52 to under 104 days a year", "260 days a year or more",
                  "For your first 14 days you are counted as too new", "no number smaller than 5",
                  "<dt>Signing in</dt><dd>any day you open a page while signed in</dd>",
                  "<dt>Discussions</dt><dd>writing or editing an entry"):
        assert words in page, words
    assert "About you (optional)" not in page  # only for members who take part


def test_participants_may_answer_the_optional_questions(app):
    from plugins.research.models import ResearchProfile

    client = consenting_client(app, "aoi")
    page = client.get("/research/").get_data(as_text=True)
    assert "About you (optional)" in page and "Have you taken medication for mental health problems?" in page
    response = client.post("/research/about", data={"gender": "another", "age_group": "30s",
                                                     "medication": "yes", "psychotherapy": ""})
    assert response.status_code == 302
    with app.app_context():
        profile = db.session.scalars(select(ResearchProfile)).one()
        assert (profile.gender, profile.age_group, profile.medication, profile.psychotherapy) == (
            "another", "30s", "yes", "")
    assert '<option selected value="30s">' in client.get("/research/").get_data(as_text=True)
    bad = client.post("/research/about", data={"gender": "robot"})
    assert bad.status_code == 422 and "Not a valid choice" in bad.get_data(as_text=True)
    with app.test_request_context():
        user = db.session.scalar(select(User).where(User.username == "aoi"))
        parts = app.extensions["forum"].hook.forum_member_export(user=user)
        about = next(part["research"]["about_you"] for part in parts if "research" in part)
    assert about == {"gender": "another", "age_group": "30s", "medication": "yes", "psychotherapy": ""}
    client.post("/research/withdraw")
    with app.app_context():
        assert db.session.scalars(select(ResearchProfile)).all() == []


def test_optional_questions_need_consent_first(app):
    from plugins.research.models import ResearchProfile

    client = member_client(app, "aoi")
    response = client.post("/research/about", data={"gender": "female"})
    assert response.status_code == 302
    assert "Take part first" in client.get("/research/").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(ResearchProfile)).all() == []
