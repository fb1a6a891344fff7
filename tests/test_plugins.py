"""The plugin contract: loading, listing, and every hook called with its documented arguments."""


import pytest
from click.testing import CliRunner

from forum import ConfigError
from forum.cli import cli
from forum.core.api import User
from forum.testing import add_board, member_client
from tests import recorder_plugin as recorder

RECORDER = "tests.recorder_plugin"


@pytest.fixture
def recorded(make_app):
    recorder.calls.clear()
    app = make_app(plugins=[RECORDER])
    add_board(app)
    return app


def test_start_up_hooks_get_app_settings_and_content_types(recorded):
    configure = recorder.called("forum_configure")
    assert configure[0]["app"] is recorded
    assert configure[0]["settings"]["recorder"] == {"word": "forbidden"}
    assert recorder.called("forum_settings_schema") and recorder.called("forum_content_types")
    asked = {call["content_type"] for call in recorder.called("forum_reaction_policy")}
    assert {"discussion", "note"} <= asked
    assert recorded.extensions["forum"].policies["note"].reactions == ("like",)


def test_member_text_hooks(recorded):
    client = recorded.test_client()
    password = "a long enough password"
    client.post("/register", data={"username": "aoi", "password": password, "confirm": password})
    client.post("/b/general/new", data={"title": "Hi there", "body": "Hello all"})
    screened = recorder.called("forum_screen")
    assert {c["context"].field for c in screened} >= {"title", "body", "username"}
    body = next(c for c in screened if c["context"].field == "body")
    assert body["text"] == "Hello all" and body["context"].content_type == "discussion"
    assert body["context"].user.username == "aoi" and body["context"].language == "en"
    after = recorder.called("forum_after_screen")[-1]
    assert after["is_new"] is True and after["item"].id and after["result"].verdicts == []
    published = recorder.called("forum_after_publish")[-1]["item"]
    item_id = recorder.called("forum_after_publish")[-1]["item_id"]
    assert published.title == "Hi there"
    usage = recorder.called("forum_usage_event")
    assert [u["function"] for u in usage] == ["sign_in", "discussions"]

    client.post(f"/t/{item_id}/edit", data={"title": "Hi there", "body": "Edited"})
    assert recorder.called("forum_after_update")[-1]["item"].body == "Edited"
    client.post(f"/items/{item_id}/delete")
    assert recorder.called("forum_after_delete")[-1]["item_id"] == item_id


def test_block_and_crisis_verdicts(recorded):
    client = member_client(recorded, "aoi")
    blocked = client.post("/b/general/new", data={"title": "t", "body": "a forbidden word"})
    assert blocked.status_code == 422
    assert "No forbidden words." in blocked.get_data(as_text=True)
    assert "a forbidden word" in blocked.get_data(as_text=True)  # the member's text is kept
    crisis = client.post("/b/general/new", data={"title": "t", "body": "worrying"}, follow_redirects=True)
    assert crisis.status_code == 200 and "We are here with you" in crisis.get_data(as_text=True)
    assert recorder.called("forum_after_screen")[-1]["result"].crisis


def test_page_hooks(recorded):
    client = member_client(recorded, "aoi")
    topic = client.post("/b/general/new", data={"title": "T", "body": "B"}).headers["Location"]
    page = client.get(topic).get_data(as_text=True)
    item_id = int(topic.rsplit("/", 1)[1])
    assert f"prepared-{item_id}" in page  # footer used what prepare_items fetched
    assert recorder.called("forum_item_footers")[-1]["viewer"].username == "aoi"
    assert 'href="/recorder-link"' in page and isinstance(
        recorder.called("forum_nav_items")[-1]["user"], User)
    assert "<section>recorder home</section>" in client.get("/").get_data(as_text=True)
    assert "<section>recorder profile of aoi</section>" in client.get("/u/aoi").get_data(as_text=True)


def test_member_data_hooks(recorded):
    client = member_client(recorded, "aoi")
    exported = client.get("/me/export.json").get_json()
    assert exported["recorder"] is True and exported["member"]["username"] == "aoi"
    client.post("/me/delete", data={"password": "correct horse battery"})
    assert recorder.called("forum_member_delete")[-1]["user"].username == "aoi"


def test_cli_and_demo_hooks(recorded, tmp_path):
    from forum.cli import seed_demo

    with recorded.app_context():
        users = seed_demo(recorded)
    demo = recorder.called("forum_demo_content")[-1]
    assert set(demo["users"]) == set(users) and demo["settings"]["recorder"]
    recorded.extensions["forum"].hook.forum_cli(cli=cli)
    assert recorder.called("forum_cli")[-1]["cli"] is cli


def test_forum_plugins_lists_plugins_and_their_hooks(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[community]\nmoderation = "post"\n[plugins]\nenabled = ["comments"]\n')
    result = CliRunner().invoke(cli, ["--config", str(config), "plugins"],
                                env={"FORUM_INSTANCE": str(tmp_path)})
    assert result.exit_code == 0, result.output
    assert "comments  (plugins.comments)" in result.output
    assert "    forum_reaction_policy" in result.output
    assert "forum.builtins.discussions" in result.output


def test_a_plugin_that_fails_to_import_is_not_called_unknown(make_app, monkeypatch, tmp_path):
    (tmp_path / "third_party").mkdir()
    (tmp_path / "third_party" / "__init__.py").write_text("")
    (tmp_path / "third_party" / "broken.py").write_text("import no_such_dependency\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError, match="no_such_dependency"):
        make_app(plugins=["third_party.broken"])
    with pytest.raises(ConfigError, match="unknown plugin"):
        make_app(plugins=["surely_missing_plugin"])
