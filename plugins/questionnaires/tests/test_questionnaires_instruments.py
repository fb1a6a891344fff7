"""Instrument files: the shipped ones are valid; a host's bad file stops start-up, clearly."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest

from forum.core.api import ConfigError
from forum.testing import member_client
from plugins.questionnaires import INSTRUMENT_DIR, SHIPPED
from plugins.questionnaires.instruments import load_instruments, parse_instrument, wording

ADAPTATION = Path(__file__).parent.parent / "extras" / "dd_treatment.toml"

GAD2 = """
id = "gad2"
name = "GAD-2"
languages = ["en"]
[title]
en = "Worry (GAD-2)"
[instructions]
en = "Over the last 2 weeks, how often have you been bothered by the following problems?"
[[options]]
value = 0
en = "Not at all"
[[options]]
value = 1
en = "Several days"
[[options]]
value = 2
en = "More than half the days"
[[options]]
value = 3
en = "Nearly every day"
[[items]]
id = "1"
en = "Feeling nervous, anxious or on edge"
[[items]]
id = "2"
en = "Not being able to stop or control worrying"
[[scores]]
id = "total"
method = "sum"
items = "all"
label = { en = "Total" }
[[bands]]
score = "total"
id = "low"
min = 0
label = { en = "Below the usual cut-off" }
meaning = { en = "Few signs of anxiety." }
[[bands]]
score = "total"
id = "high"
min = 3
see_doctor = true
label = { en = "At or above the usual cut-off" }
meaning = { en = "Consider talking to a doctor about worry." }
"""

MINIMAL = {
    "id": "mini", "name": "Mini", "languages": ["en", "ja"],
    "title": {"en": "Mini", "ja": "ミニ"}, "instructions": {"en": "Answer.", "ja": "答えてください。"},
    "options": [{"value": 0, "en": "No", "ja": "いいえ"}, {"value": 1, "en": "Yes", "ja": "はい"}],
    "items": [{"id": "a", "en": "A?", "ja": "A？"}, {"id": "b", "en": "B?", "ja": "B？"}],
    "scores": [{"id": "total", "method": "sum", "items": "all", "label": {"en": "Total", "ja": "合計"}}],
}


def test_shipped_instruments_load_with_both_languages():
    instruments = load_instruments([INSTRUMENT_DIR / f"{name}.toml" for name in SHIPPED], None)
    assert list(instruments) == ["phq9", "dd", "ghsq"]
    assert [len(instruments[key].items) for key in instruments] == [9, 12, 11]
    phq9 = instruments["phq9"]
    assert wording(phq9.question("9").text, "en") == ("Thoughts that you would be better off dead or of "
                                                      "hurting yourself in some way")
    assert wording(phq9.question("9").text, "ja").startswith("死んだ方がましだ")
    assert [wording(o.text, "ja") for o in phq9.options] == ["全くない", "数日", "半分以上", "ほとんど毎日"]
    ghsq = instruments["ghsq"]
    assert {s.id: s.items for s in ghsq.scores} == {
        "formal": ("doctor", "mental_health_professional", "online_counselling"),
        "informal": ("partner", "friend", "parent", "relative"),  # the paper's "partner, friends and family"
        "help_negation": ("no_one",),
    }


def broken(**changes: object) -> dict:
    raw = copy.deepcopy(MINIMAL)
    for key, value in changes.items():
        if value is None:
            raw.pop(key)
        else:
            raw[key] = value
    return raw


@pytest.mark.parametrize(("raw", "message"), [
    (broken(items=None), "top level: missing items"),
    (broken(colour="blue"), "unknown key(s) colour"),
    (broken(id="Bad Id"), "'Bad Id' is not an id"),
    (broken(id="summary"), "reserved for a page name"),
    (broken(title={"en": "Mini"}), "title: has no wording in ja"),
    (broken(options=[{"value": 0, "en": "No", "ja": "いいえ"}, {"value": 2, "en": "Yes", "ja": "はい"}]),
     "consecutive whole numbers"),
    (broken(items=[{"id": "a", "en": "A", "ja": "A"}, {"id": "a", "en": "B", "ja": "B"}]), "used twice"),
    (broken(scores=[{"id": "t", "method": "median", "items": "all", "label": {"en": "T", "ja": "T"}}]),
     "scores[0].method: must be one of sum, mean"),
    (broken(scores=[{"id": "t", "method": "sum", "items": ["z"], "label": {"en": "T", "ja": "T"}}]),
     "unknown item id(s) ['z']"),
    (broken(missing={"rule": "guess"}), "missing.rule"),
    (broken(missing={"rule": "invalid", "max_missing": 1}), "must be 0 with rule"),
    (broken(items=[{"id": "a", "en": "A", "ja": "A", "optional": True}]), "never void a score"),
    (broken(bands=[{"score": "total", "id": "x", "min": 1, "label": {"en": "X", "ja": "X"},
                    "meaning": {"en": "X", "ja": "X"}}]), "must start at its lowest value 0"),
    (broken(bands=[{"score": "total", "id": "x", "min": 0, "label": {"en": "X", "ja": "X"},
                    "meaning": {"en": "X", "ja": "X"}},
                   {"score": "total", "id": "y", "min": 0, "label": {"en": "Y", "ja": "Y"},
                    "meaning": {"en": "Y", "ja": "Y"}}]), "above the previous band's min"),
    (broken(alerts=[{"item": "z", "above": 0, "action": "safety"}]), "no item called 'z'"),
    (broken(alerts=[{"item": "a", "above": 1, "action": "safety"}]), "must be from 0 to 0"),
])
def test_schema_errors_name_the_file_and_the_problem(raw, message):
    with pytest.raises(ConfigError) as error:
        parse_instrument(raw, "extra/mini.toml")
    assert str(error.value).startswith("extra/mini.toml: ")
    assert message in str(error.value)


def test_adaptation_changes_wording_but_not_scoring():
    sources = [INSTRUMENT_DIR / f"{name}.toml" for name in SHIPPED]
    original = load_instruments(sources, None)["dd"]
    adapted = load_instruments([*sources, ADAPTATION], None)["dd"]
    assert "mental health treatment" in wording(adapted.question("1").text, "en")
    assert "精神科の治療" in wording(adapted.question("1").text, "ja")
    assert [q.reverse for q in adapted.items] == [q.reverse for q in original.items]
    assert adapted.scores == original.scores and adapted.options == original.options


def test_host_adds_an_instrument_from_a_folder_next_to_the_config(make_app, tmp_path):
    (tmp_path / "instruments").mkdir()
    (tmp_path / "instruments" / "gad2.toml").write_text(GAD2, encoding="utf-8")
    config = tmp_path / "community.toml"
    config.write_text('[community]\nmoderation = "post"\n[questionnaires]\nextra_dir = "instruments"\n',
                      encoding="utf-8")
    app = make_app(plugins=["questionnaires"], config=str(config))
    client = member_client(app, "aoi")
    assert "Worry (GAD-2)" in client.get("/questionnaires/").get_data(as_text=True)
    response = client.post("/questionnaires/gad2", data={"q_1": "2", "q_2": "1"})
    result = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Total: 3" in result and "At or above the usual cut-off" in result


def test_malformed_host_file_stops_start_up(make_app, tmp_path):
    (tmp_path / "gad2.toml").write_text(GAD2.replace('method = "sum"', 'method = "total"'), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"gad2\.toml: scores\[0\]\.method: must be one of sum, mean"):
        make_app(plugins=["questionnaires"], questionnaires={"extra_dir": str(tmp_path)})


def test_bad_toml_and_duplicate_ids_stop_start_up(make_app, tmp_path):
    (tmp_path / "broken.toml").write_text("id = ", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"broken\.toml: not valid TOML"):
        make_app(plugins=["questionnaires"], questionnaires={"extra_dir": str(tmp_path)})
    (tmp_path / "broken.toml").unlink()
    shutil.copy(INSTRUMENT_DIR / "phq9.toml", tmp_path / "my_phq9.toml")
    with pytest.raises(ConfigError, match="id 'phq9' is already defined"):
        make_app(plugins=["questionnaires"], questionnaires={"extra_dir": str(tmp_path)})


def test_adaptation_of_an_unknown_instrument_and_unknown_offered_id_stop_start_up(make_app, tmp_path):
    (tmp_path / "wording.toml").write_text('adapts = "cesd"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="adapts = 'cesd', but no instrument has that id"):
        make_app(plugins=["questionnaires"], questionnaires={"extra_dir": str(tmp_path)})
    with pytest.raises(ConfigError, match=r"instruments names unknown instrument\(s\) 'gad7'"):
        make_app(plugins=["questionnaires"], questionnaires={"instruments": ["phq9", "gad7"]})


def test_minimum_group_size_must_be_positive(make_app):
    with pytest.raises(ConfigError, match=r"min_group_size is 0, out of range. Fix: use a number from 1"):
        make_app(plugins=["questionnaires"], questionnaires={"min_group_size": 0})
