"""Configuration checks, rule selection, the ``forum screen`` command and the demo content."""

from __future__ import annotations

from types import SimpleNamespace

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from forum.cli import seed_demo
from forum.core.api import Action, ConfigError, Item, db, screen_texts
from plugins.moderation import forum_cli
from plugins.moderation.cli import screen_command
from plugins.moderation.models import ModerationItem, Report


@pytest.mark.parametrize(("moderation", "message"), [
    ({"words": {"ban": ["x"]}}, "unknown action 'ban'"),
    ({"words": {"hold": "x"}}, "hold must be a list of non-empty strings"),
    ({"words": {"hold": ["Pro-Ana"], "flag": ["pro ana"]}}, "is in two lists (hold and flag)"),
    ({"words": {"hold": ["--"]}}, "has no letters or digits"),
    ({"rules": ["self_harm", "spam"]}, "[moderation] rules holds 'spam'. Fix: use any of 'self_harm'"),
    ({"allowed_contacts": [112]}, "[moderation] allowed_contacts holds 112. Fix: make every entry a string"),
    ({"word": {}}, "[moderation] has an unknown key 'word'. Did you mean 'words'?"),
])
def test_bad_configuration_names_the_problem(make_app, moderation, message):
    with pytest.raises(ConfigError) as error:
        make_app(plugins=["moderation"], moderation=moderation)
    assert message in str(error.value)


def test_each_rule_is_its_own_plugin_and_hosts_choose_them(make_app):
    app = make_app(plugins=["moderation"], moderation={"rules": ["watched_words"],
                                                       "words": {"hold": ["thinspo"]}})
    names = [name for name, _ in app.extensions["forum"].manager.list_name_plugin()]
    assert [n for n in names if n.startswith("moderation.")] == ["moderation.watched_words"]
    with app.app_context():
        assert screen_texts({"body": "I want to die"}, None, "discussion").verdicts == []
        assert screen_texts({"body": "thinspo"}, None, "discussion").action is Action.HOLD


def test_allowed_contacts_may_be_shared(make_app):
    app = make_app(plugins=["moderation"], moderation={"allowed_contacts": ["help@example.org"]},
                   community={"crisis_resources": [{"name": "Samaritans", "phone": "116 123"},
                                                   {"name": "TELL", "phone": "03-5774-0992"}]})
    with app.app_context():
        for text in ("write to help@example.org", "call 03-5774-0992", "call 03 5774 0992"):
            assert screen_texts({"body": text}, None, "discussion").verdicts == [], text
        assert screen_texts({"body": "or aoi@example.org"}, None, "discussion").action is Action.HOLD


def test_usernames_are_screened_at_registration(make_app):
    app = make_app(plugins=["moderation"])
    client = app.test_client()
    response = client.post("/register", data={"username": "want_to_die", "password": "long enough pw",
                                              "confirm": "long enough pw"})
    assert response.status_code == 422 and "choose a different pseudonym" in response.get_data(as_text=True)


def test_forum_screen_command_prints_each_verdict(make_app):
    app = make_app(plugins=["moderation"], moderation={"words": {"flag": ["diet pills"]}})
    result = CliRunner().invoke(screen_command, ["I want to die, call 090-1234-5678, diet pills"],
                                obj=SimpleNamespace(app=app))
    assert result.exit_code == 0, result.output
    assert "hold    self_harm        severity 5 urgent" in result.output
    assert "contact_details" in result.output and "flag    watched_words" in result.output
    assert result.output.rstrip().endswith("=> hold (crisis page)")
    group = click.Group()
    forum_cli(cli=group)
    forum_cli(cli=group)  # a second app in the same process must not break the group
    assert list(group.commands) == ["screen", "worker"]


@pytest.mark.parametrize(("mode", "language"), [("pre", "en"), ("screened", "en"), ("post", "en"),
                                                ("screened", "ja")])
def test_demo_leaves_a_held_post_and_a_report_in_the_queue(make_app, mode, language):
    app = make_app(plugins=["moderation"], community={"moderation": mode, "language": language})
    with app.app_context():
        seed_demo(app)
        entries = list(db.session.scalars(select(ModerationItem).where(ModerationItem.status == "open")))
        kinds = sorted(entry.kind for entry in entries)
        assert kinds == (["alert", "flag", "report"] if mode == "post" else ["alert", "held", "report"])
        titles = " ".join(entry.item.title for entry in entries if entry.item is not None)
        assert ("フォーラムの外" in titles) is (language == "ja")  # in the community's language
        alert = next(entry for entry in entries if entry.kind == "alert")
        assert (alert.state, alert.claimed_by.username) == ("contacted", "sora_mod")
        assert db.session.scalar(select(Report.category)) == "hurtful"
        reported = db.session.get(Item, next(e.item_id for e in entries if e.kind == "report"))
        assert reported.status == "published" and reported.board is not None
        # The other sample posts are published (in pre-moderation the demo moderator read them).
        welcome = db.session.scalar(select(Item).where(Item.author.has(username="aoi")))
        assert welcome.status == "published"
