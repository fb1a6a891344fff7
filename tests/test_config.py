import pytest

from forum import ConfigError, create_app
from forum.core.config import CORE_SCHEMA


def write(tmp_path, text):
    path = tmp_path / "community.toml"
    path.write_text(text, encoding="utf-8")
    return path


# (TOML, what the message must say). Each message also names the file, says "Fix:", is one line,
# and has no unbalanced bracket (checked for every case below).
BROKEN = [
    # syntax and layout
    ("[community\nname = 1\n", r"not valid TOML"),
    ('community = "x"\n', r"community must be a table, got 'x'. Fix: write it as \[community\]"),
    ('[communty]\nname = "x"\n', r"unknown table \[communty\]. Did you mean 'community'\? Fix:"),
    ('[community]\nnmae = "x"\n', r"\[community\] has an unknown key 'nmae'. Did you mean 'name'\? Fix:"),
    # a table of a plugin that is not enabled
    ('[comments]\nmax_length = 10\n', r"\[comments\] belongs to the plugin 'comments', which is not enabled. "
                                      r'Fix: add "comments" to \[plugins\] enabled'),
    ('[notify]\nsmtp_port = 25\n', r"\[notify\] belongs to the plugin 'moderation'"),
    ('[questionnaires]\nmin_group_size = 5\n', r"belongs to the plugin 'questionnaires'"),
    # [community]
    ('[community]\nname = ""\n', r"\[community\] name is '', out of range. Fix: use a length from 1 to 80"),
    ('[community]\nname = 3\n', r"\[community\] name must be a string, got 3. Fix: set it to a string"),
    ('[community]\npublic_read = "yes"\n', r"\[community\] public_read must be true or false, got 'yes'"),
    ('[community]\nregistration_open = 1\n', r"registration_open must be true or false, got 1"),
    ('[community]\nlanguage = "fr"\n', r"\[community\] language is 'fr'. Fix: use one of 'en', 'ja'"),
    ('[community]\nmoderation = "none"\n',
     r"moderation is 'none'. Fix: use one of 'pre', 'screened', 'post'"),
    ('[community]\ncrisis_message = ""\n', r"crisis_message is '', out of range"),
    ('[community]\ncrisis_resources = "call 112"\n', r"crisis_resources must be a list, got 'call 112'"),
    ('[community]\ncrisis_resources = ["112"]\n',
     r"crisis_resources holds '112'. Fix: make every entry a table"),
    ('[community]\ncrisis_resources = [{ phone = "1" }]\n', r"crisis_resources\[0\] needs a name"),
    ('[community]\ncrisis_resources = [{ name = "A", fax = "1" }]\n',
     r"crisis_resources\[0\] has unknown keys fax. Fix: use only name, phone, url and hours"),
    ('[community]\ncontent_dir = "nope"\n',
     r"\[community\] content_dir is 'nope', but .*nope is not a folder. Fix:"),
    ('[community]\nsecret_key = "short"\n', r"secret_key is 'short'. Fix: use at least 32 characters"),
    # [database]
    ('[database]\nurl = "nosuchdb://x"\n',
     r"\[database\] url is 'nosuchdb://x', which names no installed database driver. Fix: use sqlite:///"),
    ('[database]\nurl = "not a url"\n', r"\[database\] url is 'not a url', not a database URL"),
    ('[database]\nurl = 5432\n', r"\[database\] url must be a string, got 5432"),
    # [plugins]
    ('[plugins]\nenabled = "comments"\n', r"\[plugins\] enabled must be a list, got 'comments'"),
    ('[plugins]\nenabled = [1]\n', r"\[plugins\] enabled holds 1. Fix: make every entry a string"),
    ('[plugins]\nenabled = ["no such"]\n', r"\[plugins\] enabled holds 'no such'. Fix: use a plugin name"),
    ('[plugins]\nenabled = ["no_such_plugin"]\n', r"unknown plugin 'no_such_plugin'.*Fix:"),
    ('[plugins]\nenabled = ["comments", "comments"]\n', r"lists 'comments' twice. Fix: keep one"),
    # [limits]: read by the limiter's own parser
    ('[limits]\nlogin = "ten per minute"\n', r"\[limits\] login is 'ten per minute', not a rate the limiter "
                                             r"understands. Fix: write it like \"10 per minute\""),
    ('[limits]\nwrite = "30 a minute"\n', r"\[limits\] write is '30 a minute', not a rate"),
    ('[limits]\nwrite = 30\n', r"\[limits\] write must be a string, got 30"),
    ('[limits]\nstorage_uri = "redis"\n', r"storage_uri is 'redis', not a storage the limiter knows"),
    # built-ins: search, cache
    ('[search]\nper_page = 0\n', r"\[search\] per_page is 0, out of range. Fix: use a number from 1 to 100"),
    ('[search]\nbackend = "elastic"\n',
     r"\[search\] backend is 'elastic'. Fix: use one of 'whoosh', 'postgresql'"),
    ('[search]\nwrite_wait = true\n', r"\[search\] write_wait must be a number, got True"),
    ('[cache]\nanonymous_seconds = -1\n',
     r"\[cache\] anonymous_seconds is -1, out of range. Fix: use a number"),
    ('[cache]\nurl = "memcached://x"\n', r"\[cache\] url is 'memcached://x'. Fix: use redis://host:6379/0"),
    # plugins' tables, once enabled
    ('[plugins]\nenabled = ["comments"]\n[comments]\nmax_length = "long"\n',
     r"\[comments\] max_length must be a whole number, got 'long'"),
    ('[plugins]\nenabled = ["comments"]\n[comments]\nmax_length = 0\n', r"max_length is 0, out of range"),
    ('[plugins]\nenabled = ["comments"]\n[comments]\ntypes = [1]\n', r"\[comments\] types holds 1"),
    ('[plugins]\nenabled = ["moderation"]\n[moderation]\nrules = ["spam"]\n',
     r"\[moderation\] rules holds 'spam'"),
    ('[plugins]\nenabled = ["moderation"]\n[moderation]\nprivate_alert = ["all"]\n',
     r"private_alert holds 'all'. Fix: use any of 'urgent', 'check_in'"),
    ('[plugins]\nenabled = ["moderation"]\n[notify]\ntimezone = "Tokyo"\n',
     r"\[notify\] timezone is 'Tokyo', not a time zone. Fix: use an IANA name such as \"UTC\""),
    ('[plugins]\nenabled = ["moderation"]\n[notify]\nsmtp_port = 70000\n',
     r"smtp_port is 70000, out of range"),
    ('[plugins]\nenabled = ["moderation"]\n[notify]\nwebhook_url = "hooks.example"\n',
     r"webhook_url is 'hooks.example', not a web address. Fix: write it like https://"),
    ('[plugins]\nenabled = ["moderation"]\n[notify]\nhost_emails = ["host"]\n',
     r"host_emails holds 'host'. Fix: use an e-mail address"),
    ('[plugins]\nenabled = ["moderation"]\n[notify]\nconsumer = "cron"\n',
     r"consumer is 'cron'. Fix: use one of"),
    ('[plugins]\nenabled = ["moderation"]\n[notify]\nqueue_url = "amqp://x"\n', r"queue_url is 'amqp://x'"),
    ('[plugins]\nenabled = ["research"]\n[research]\nwindow_days = 0\n', r"window_days is 0, out of range"),
    ('[plugins]\nenabled = ["questionnaires"]\n[questionnaires]\nextra_dir = "gone"\n',
     r"\[questionnaires\] extra_dir is 'gone', but .*gone is not a folder"),
]


@pytest.mark.parametrize(("toml", "expected"), BROKEN, ids=[f"{n}" for n in range(len(BROKEN))])
def test_bad_config_stops_start_up_naming_file_key_and_fix(tmp_path, toml, expected):
    path = write(tmp_path, toml)
    with pytest.raises(ConfigError, match=expected) as error:
        create_app(path, instance_path=str(tmp_path / "instance"), FORUM_SCHEMA_CHECK=False)
    message = str(error.value)
    assert message.startswith(f"{path}: ") and "Fix" in message and "\n" not in message
    if "not valid TOML" not in message:  # (the parser's own text quotes the bracket it expected)
        assert message.count("[") == message.count("]") and "]]" not in message, message


def test_there_are_at_least_forty_broken_configurations():
    assert len(BROKEN) >= 40


def test_every_core_and_built_in_setting_says_what_values_make_sense(tmp_path):
    """A type for all; a range, a pattern, choices or a check wherever a value can be wrong."""
    app = create_app(None, instance_path=str(tmp_path / "i"), FORUM_SCHEMA_CHECK=False,
                     settings={"plugins": {"enabled": ["moderation", "comments", "research"]}})
    schema = dict(CORE_SCHEMA)
    for declared in app.extensions["forum"].hook.forum_settings_schema():
        schema.update(declared)
    free_text = {"crisis_message", "smtp_host", "smtp_user", "smtp_password", "secret", "words", "classifier",
                 "index_dir", "allowed_contacts", "functions", "types"}
    for table, section in schema.items():
        for key, setting in section.settings.items():
            assert setting.type, (table, key)
            if setting.type in (str, list, int, (int, float)) and key not in free_text:
                limits = (setting.choices, setting.minimum, setting.maximum, setting.pattern, setting.check,
                          setting.items)
                assert any(c is not None for c in limits), f"[{table}] {key} accepts anything"


def test_a_bad_database_url_in_the_environment_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres-ql://x")
    with pytest.raises(ConfigError, match="environment variable DATABASE_URL is 'postgres-ql://x'"):
        create_app(None, instance_path=str(tmp_path / "i"), FORUM_SCHEMA_CHECK=False)


def test_missing_config_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        create_app(tmp_path / "nope.toml")


def test_plugin_tables_are_validated_once_the_plugin_is_enabled(tmp_path):
    path = write(tmp_path, '[comments]\ntypes = ["discussion"]\n')
    with pytest.raises(ConfigError, match=r"\[comments\] belongs to the plugin 'comments'.*Fix: add"):
        create_app(path, instance_path=str(tmp_path / "i"))
    path = write(tmp_path, '[plugins]\nenabled = ["comments"]\n[comments]\nmax_length = "long"\n')
    with pytest.raises(ConfigError, match=r"\[comments\] max_length must be a whole number"):
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
