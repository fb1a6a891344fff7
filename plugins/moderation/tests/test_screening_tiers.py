"""Tiers and host policy, context, hostility that matches the harm, contact details, the host
commands (``forum screen --input/--output``, ``train``) and the statistical classifier."""

from __future__ import annotations

import csv
import pickle
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from flask import Flask

from forum.core.api import Action, ConfigError, ScreenResult, Verdict, db, screen_texts, skeleton
from forum.testing import add_user, member_client
from plugins.moderation.cli import screen_command
from plugins.moderation.models import ModerationItem
from plugins.moderation.rules.classifier import load_model
from plugins.moderation.tests.helpers import community, entry_for, item_id, item_status, post_topic


def screen(app: Flask, text: str) -> ScreenResult:
    with app.app_context():
        return screen_texts({"body": text}, None, "discussion")


def verdict_of(app: Flask, text: str, rule: str) -> Verdict | None:
    return next((v for v in screen(app, text).verdicts if v.rule == rule), None)


@pytest.fixture
def rules_app(make_app) -> Flask:
    return community(make_app)


@pytest.mark.parametrize(("text", "constructs"), [
    ("i have the pills ready and it's tonight", {"preparation"}),
    ("what's the best way to kill yourself", {"method seeking"}),
    ("this is my last post, thank you all", {"goodbye note"}),
    ("I want to die. I have a bottle of pills here", {"passive ideation", "method"}),
    ("i want to end my life tomorrow", {"active ideation", "time"}),
    ("今夜死ぬつもり", {"intent"}),
])
def test_urgent_tier_holds_pages_crisis_and_names_constructs(rules_app: Flask, text: str,
                                                           constructs: set[str]) -> None:
    verdict = verdict_of(rules_app, text, "self_harm")
    assert verdict is not None and verdict.tier == "urgent"
    assert (verdict.action, verdict.urgent, verdict.crisis, verdict.severity) == (Action.HOLD, True, True, 5)
    assert constructs <= set(verdict.constructs)


@pytest.mark.parametrize(("text", "construct"), [
    ("everyone would be better off without me", "burden"),
    ("i can't do this anymore", "hopelessness"),
    ("i feel trapped and there's no way out", "entrapment"),
    ("I just want to disappear", "passive ideation"),
    ("years ago I tried to kill myself", "past"),
    ("my friend says she wants to die", "someone else at risk"),
    ("消えちゃいたい", "passive ideation"),
])
def test_check_in_tier_flags_by_default(rules_app: Flask, text: str, construct: str) -> None:
    verdict = verdict_of(rules_app, text, "self_harm")
    assert verdict is not None and verdict.tier == "check_in" and construct in verdict.constructs
    assert (verdict.action, verdict.urgent, verdict.crisis, verdict.severity) == (Action.FLAG, False, True, 4)


def test_host_policy_holds_check_ins(make_app) -> None:
    app = community(make_app, moderation={"check_in": "hold"})
    verdict = verdict_of(app, "i'm so tired of living", "self_harm")
    assert verdict is not None
    assert (verdict.tier, verdict.action, verdict.urgent) == ("check_in", Action.HOLD, False)


def test_check_in_config_is_validated(make_app) -> None:
    with pytest.raises(ConfigError, match="check_in"):
        community(make_app, moderation={"check_in": "sometimes"})
    with pytest.raises(ConfigError, match="classifier"):
        community(make_app, moderation={"classifier": {"threshold": 0.5}})


def test_a_check_in_post_is_published_with_the_crisis_page_and_queued(make_app) -> None:
    app = community(make_app)
    aoi = member_client(app, "aoi")
    page = post_topic(aoi, "Hard week", "honestly i don't want to be here anymore", follow_redirects=True)
    assert "Inochi no Denwa" in page.get_data(as_text=True)
    topic = item_id(app, "Hard week")
    assert item_status(app, topic) == "published"
    entry = entry_for(app, topic)
    assert (entry["kind"], entry["urgent"], entry["severity"]) == ("flag", False, 4)
    assert entry["rules"] == ["self_harm"]


def test_the_reason_quotes_the_members_words_with_the_construct(rules_app: Flask) -> None:
    verdict = verdict_of(rules_app, "I want to k i l l   m\u200byself tonight", "self_harm")
    assert verdict is not None and verdict.tier == "urgent"
    assert "k i l l   m\u200byself" in verdict.reason and "kil myself" not in verdict.reason
    assert "active ideation + time" in verdict.reason
    hostile = verdict_of(rules_app, "you are such an 1d10t", "hostility")
    assert hostile is not None and "1d10t" in hostile.reason and "attack on a person" in hostile.reason


@pytest.mark.parametrize("text", [
    "I would never hurt myself", "I'm not suicidal, just tired", "suicide prevention month starts today",
    "please don't ever kill yourself, you matter", "the scene where he jumps off the bridge was intense",
    "this deadline is killing me", "i'm gonna kill you in this match", "I'd die for a pizza",
    "自殺防止の講演に行った", "飛び降りるシーンが怖かった", "死ぬほど笑った",
])
def test_context_keeps_benign_look_alikes_out(rules_app: Flask, text: str) -> None:
    result = screen(rules_app, text)
    assert result.action < Action.HOLD and "self_harm" not in {v.rule for v in result.verdicts}


@pytest.mark.parametrize(("text", "construct"), [
    ("people with schizophrenia are dangerous animals", "stigma"),
    ("immigrants are vermin and should be deported", "group hate"),
    ("go back to your country", "group hate"),
    ("the jews control everything, they're vermin", "group hate"),
    ("that faggot should be banned", "slur"),
    ("you're a pathetic loser", "attack"),
    ("在日は日本から出て行け", "group hate"),
    ("お前はバカだ", "attack"),
])
def test_hostility_holds_what_harms(rules_app: Flask, text: str, construct: str) -> None:
    verdict = verdict_of(rules_app, text, "hostility")
    assert verdict is not None and verdict.action is Action.HOLD and construct in verdict.constructs
    assert not verdict.crisis


@pytest.mark.parametrize("text", [
    "he told me I'm worthless and it hurt", "I feel like such an idiot", "I want this pain to go away",
    "please don't ever kill yourself", "the referee was an idiot today", "bro shut up you're hilarious",
    "Immigrants built this country", "people with schizophrenia deserve good care",
    "死ねって言われて傷ついた", "私ってバカだな", "バカみたいに笑った",
])
def test_hostility_never_holds_reported_pain_self_talk_or_pleas(rules_app: Flask, text: str) -> None:
    assert verdict_of(rules_app, text, "hostility") is None


def test_method_seeking_is_urgent_self_harm_not_hostility(rules_app: Flask) -> None:
    result = screen(rules_app, "what's the best way to kill yourself?")
    assert {v.rule for v in result.verdicts} == {"self_harm"} and result.urgent


def test_contact_details_spare_members_mentions_and_prose(make_app) -> None:
    app = community(make_app, moderation={"allowed_contacts": ["help@samaritans.org"]})
    add_user(app, "anna")
    for text in ("not good at all. My mum called", "@anna thanks for yesterday",
                 "follow @anna's advice, insta is overrated", "we met at the park at 3.30pm",
                 "mail help@samaritans.org any time"):
        assert verdict_of(app, text, "contact_details") is None, text
    for text in ("my insta is @sunny_aoi", "add me on snap @aoi99", "aoi at gmail dot com",
                 "aoi.sun@example.com", "anna at gmail"):
        assert verdict_of(app, text, "contact_details") is not None, text


def _write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_screen_input_writes_one_row_per_line(rules_app: Flask, tmp_path: Path) -> None:
    source = _write_csv(tmp_path / "posts.csv", [
        {"id": "1", "message": "what's the best way to kill yourself"},
        {"id": "2", "message": "i'm so tired of living"},
        {"id": "3", "message": "lovely walk in the park today"},
        {"id": "4", "message": "immigrants are vermin"},
    ])
    output = tmp_path / "out.csv"
    result = CliRunner().invoke(screen_command, ["--input", str(source), "--column", "message", "--output",
                                                 str(output)], obj=SimpleNamespace(app=rules_app))
    assert result.exit_code == 0, result.output
    with output.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["id"] for row in rows] == ["1", "2", "3", "4"]
    assert [(row["action"], row["tier"], row["urgent"]) for row in rows] == [
        ("hold", "urgent", "1"), ("flag", "check_in", "0"), ("allow", "", "0"), ("hold", "", "0")]
    assert rows[0]["rules"] == "self_harm" and "method seeking" in rows[0]["constructs"]
    assert rows[3]["rules"] == "hostility" and rows[3]["constructs"] == "group hate"
    missing = CliRunner().invoke(screen_command, ["--input", str(source)], obj=SimpleNamespace(app=rules_app))
    assert missing.exit_code == 2 and "no column 'text'" in missing.output


TRAINING = [("i can't stop thinking about the bridge", "1"), ("the bridge by my house keeps calling me", "1"),
            ("i keep looking at the bridge at night", "1"), ("nobody will notice when i'm gone", "1"),
            ("lovely walk by the river today", "0"), ("we crossed the bridge on our bikes", "0"),
            ("the new cafe has great cake", "0"), ("my exams went well this week", "0")]


def test_train_from_a_file_and_screen_with_the_classifier(make_app, tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    rows = [{"text": text, "label": label} for text, label in TRAINING]
    source = _write_csv(tmp_path / "labelled.csv", rows)
    model = tmp_path / "model.pkl"
    app = community(make_app)
    result = CliRunner().invoke(screen_command, ["train", "--from", str(source), "--output", str(model)],
                                obj=SimpleNamespace(app=app))
    assert result.exit_code == 0, result.output
    assert "trained on 8 texts (4 risky)" in result.output and model.exists()
    classifier = {"model": str(model), "check_in": 0.5, "urgent": 0.99}
    with_model = make_app(plugins=["moderation"], moderation={"classifier": classifier})
    verdict = verdict_of(with_model, "i keep thinking about the bridge, nobody will notice", "classifier")
    assert verdict is not None and (verdict.tier, verdict.action) == ("check_in", Action.FLAG)
    assert verdict_of(with_model, "the new cafe has great cake", "classifier") is None
    pipeline = pickle.loads(model.read_bytes())["pipeline"]  # the scorer does sklearn's arithmetic
    for text, _label in [*TRAINING, ("a text with words it never saw", "0"), ("", "0")]:
        expected = pipeline.predict_proba([skeleton(text)])[0][1]
        assert load_model(str(model)).probability(skeleton(text)) == pytest.approx(expected, abs=1e-9)


def test_a_broken_model_path_is_a_config_error(make_app, tmp_path: Path) -> None:
    (tmp_path / "model.pkl").write_bytes(b"not a model")
    with pytest.raises(ConfigError, match="can't be loaded"):
        community(make_app, moderation={"classifier": {"model": str(tmp_path / "model.pkl")}})


def test_train_from_the_queue_learns_from_decisions(make_app, tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    app = community(make_app, "pre")
    aoi = member_client(app, "aoi")
    for index, (text, label) in enumerate(TRAINING):
        post_topic(aoi, f"Post {index}", text)
        with app.app_context():
            entry = db.session.get(ModerationItem, entry_for(app, item_id(app, f"Post {index}"))["id"])
            entry.status, entry.decision = "resolved", "reject" if label == "1" else "approve"
            db.session.commit()
    model = tmp_path / "queue.pkl"
    result = CliRunner().invoke(screen_command, ["train", "--from-queue", "--output", str(model)],
                                obj=SimpleNamespace(app=app))
    assert result.exit_code == 0, result.output
    assert "trained on 8 texts (4 risky)" in result.output
    both = CliRunner().invoke(screen_command, ["train", "--output", str(model)], obj=SimpleNamespace(app=app))
    assert both.exit_code == 2 and "exactly one" in both.output


@pytest.mark.parametrize(("text", "tier"), [
    ("i took like 40 of my sleeping pills an hour ago", "urgent"),  # the skeleton drops the number
    ("睡眠薬100錠飲んだ", "urgent"),
    ("i took 2 of my pills this morning as prescribed", ""),
    ("頭痛薬を2錠飲んだ", ""),
])
def test_a_counted_dose_is_urgent_only_when_large(rules_app: Flask, text: str, tier: str) -> None:
    verdict = verdict_of(rules_app, text, "self_harm")
    assert (verdict.tier if verdict else "") == tier


@pytest.mark.parametrize("text", [
    "Two years ago I was suicidal, but therapy helped and I'm doing so much better now.",
    "Used to self-harm as a teen, now I'm 30 and have been clean for over a decade.",
    "昔は死にたいと思っていたけど、今は元気です",
])
def test_a_recovery_story_is_not_a_concern(rules_app: Flask, text: str) -> None:
    assert verdict_of(rules_app, text, "self_harm") is None


def test_the_past_without_recovery_is_still_a_check_in(rules_app: Flask) -> None:
    verdict = verdict_of(rules_app, "Two years ago I was suicidal and now it is coming back", "self_harm")
    assert verdict is not None and verdict.tier == "check_in"


@pytest.mark.parametrize(("text", "rule"), [
    ("I'll slit your throat if you post here again", "hostility"),
    ("hope your whole family gets cancer", "hostility"),
    ("お前の家特定したからな", "hostility"),
    ("whats your phone number? i can call you", "contact_details"),
    ("連絡先教えてくれる？", "contact_details"),
])
def test_threats_and_requests_for_contact_are_held(rules_app: Flask, text: str, rule: str) -> None:
    verdict = verdict_of(rules_app, text, rule)
    assert verdict is not None and verdict.action == Action.HOLD


def test_a_far_finding_is_quoted_without_mapping_the_whole_post(rules_app: Flask) -> None:
    verdict = verdict_of(rules_app, "nice weather today. " * 3000 + "you are an idiot", "hostility")
    assert verdict is not None and "idiot" in verdict.reason


@pytest.mark.parametrize(("text", "tier"), [
    # Affairs put in order: alone everyday life, with a second sign or any concern urgent.
    ("found a new home for my cats before the move", ""),
    ("found a new home for my cats. the bills are sorted, i don't think i'll need any of it", "urgent"),
    ("i have everything arranged now and nothing matters anymore", "urgent"),
    # Ideation with the means at hand, even sentences apart.
    ("some days i want to die. there's a rope in my wardrobe", "urgent"),
    # Exasperation at a trivial thing, and farewells at a life event, are everyday talk.
    ("i give up lol, this crossword puzzle wins", ""),
    ("goodbye everyone, thanks for coming to the stream all year", ""),
    ("もう無理、宿題おわらない笑", ""),
    # Fillers and missing apostrophes don't hide a phrase.
    ("everyone would honestly be better off if i just wasnt around", "check_in"),
    ("i don't even want to be alive anymore", "check_in"),
])
def test_signs_combine_and_everyday_contexts_explain_them(rules_app: Flask, text: str, tier: str) -> None:
    verdict = verdict_of(rules_app, text, "self_harm")
    assert (verdict.tier if verdict else "") == tier
