"""The core refuses moderation modes that nobody can carry out (naming the setting, no plugin)."""

from __future__ import annotations

import pytest

from forum import ConfigError


@pytest.mark.parametrize(("mode", "missing"), [
    ("pre", "a review queue for held items"),
    ("screened", "a review queue for held items and screening rules"),
])
def test_holding_modes_need_a_review_queue_and_rules(make_app, mode, missing):
    with pytest.raises(ConfigError) as raised:
        make_app(community={"moderation": mode})
    message = str(raised.value)
    assert f"[community] moderation = '{mode}' needs {missing}" in message
    assert 'moderation = "post"' in message and "plugins." not in message


def test_post_mode_needs_nothing(make_app):
    app = make_app(community={"moderation": "post"})
    assert app.test_client().get("/").status_code == 200


def test_a_plugin_that_reviews_and_screens_satisfies_both(make_app):
    app = make_app(plugins=["tests.recorder_plugin"], community={"moderation": "screened"})
    assert app.test_client().get("/help").status_code == 200
