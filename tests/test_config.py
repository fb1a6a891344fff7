import pytest

from forum import ConfigError, create_app


def write(tmp_path, text):
    path = tmp_path / "community.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('[plugins]\nenabled = ["no_such_plugin"]\n', r"unknown plugin 'no_such_plugin'.*Fix:"),
        ('[community]\nnmae = "x"\n', r"unknown key 'nmae' in \[community\]. Did you mean 'name'\?"),
        ('[communty]\nname = "x"\n', r"unknown table \[communty\]. Did you mean 'community'\?"),
        ('[community]\npublic_read = "yes"\n', r"\[community\] public_read\] must be true or false"),
        ('[community]\nlanguage = "fr"\n', r"language\] is 'fr'; use one of 'en', 'ja'"),
        ('[community]\nmoderation = "none"\n', r"use one of 'pre', 'screened', 'post'"),
        ('[community]\ncrisis_resources = [{ phone = "1" }]\n', r"crisis_resources\[0\] needs a name"),
        ("[community\nname = 1\n", r"not valid TOML"),
        ('[plugins]\nenabled = ["comments", "comments"]\n', r"lists 'comments' twice"),
    ],
)
def test_bad_config_stops_start_up_naming_file_key_and_fix(tmp_path, toml, expected):
    path = write(tmp_path, toml)
    with pytest.raises(ConfigError, match=expected) as error:
        create_app(path, instance_path=str(tmp_path / "instance"))
    assert str(path) in str(error.value)


def test_missing_config_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        create_app(tmp_path / "nope.toml")


def test_plugin_tables_are_validated_once_the_plugin_is_enabled(tmp_path):
    path = write(tmp_path, '[comments]\ntypes = ["discussion"]\n')
    with pytest.raises(ConfigError, match=r"unknown table \[comments\].*enable the plugin"):
        create_app(path, instance_path=str(tmp_path / "i"))
    path = write(tmp_path, '[plugins]\nenabled = ["comments"]\n[comments]\nmax_length = "long"\n')
    with pytest.raises(ConfigError, match="max_length\\] must be a whole number"):
        create_app(path, instance_path=str(tmp_path / "i"))


def test_defaults_environment_and_japanese(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    path = write(tmp_path, '[community]\nname = "ひだまり"\nlanguage = "ja"\n'
                           '[plugins]\nenabled = ["moderation"]\n')
    app = create_app(path, instance_path=str(tmp_path / "instance"), FORUM_SCHEMA_CHECK=False)
    settings = app.extensions["forum"].settings
    assert settings["community"]["name"] == "ひだまり"
    assert settings["community"]["moderation"] == "screened"
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("env.sqlite")
    # The generated secret key is kept, so sessions survive a restart.
    again = create_app(path, instance_path=str(tmp_path / "instance"), FORUM_SCHEMA_CHECK=False)
    assert app.config["SECRET_KEY"] == again.config["SECRET_KEY"] and len(app.config["SECRET_KEY"]) == 64


def test_both_example_communities_start(tmp_path):
    for name in ("u2plus", "u2plus-ja", "horyzons"):
        app = create_app(f"examples/{name}.toml", instance_path=str(tmp_path / name),
                         FORUM_SCHEMA_CHECK=False)
        assert app.extensions["forum"].settings["community"]["name"]
