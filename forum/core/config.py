"""Community configuration: a TOML file, validated against the core's and plugins' schemas."""

from __future__ import annotations

import difflib
import os
import tomllib
from pathlib import Path
from typing import Any

from .types import Section, Setting

Settings = dict[str, dict[str, Any]]


class ConfigError(Exception):
    """The community configuration is wrong; the message names the file, the key and the fix."""


CORE_SCHEMA: dict[str, Section] = {
    "community": Section(
        {
            "name": Setting(str, "Peer support community", "the community's name"),
            "language": Setting(str, "en", "interface language", choices=("en", "ja")),
            "moderation": Setting(
                str, "screened", "when member text is published", choices=("pre", "screened", "post")
            ),
            "public_read": Setting(bool, False, "let visitors who are not signed in read"),
            "registration_open": Setting(bool, True, "let visitors create an account"),
            "crisis_message": Setting(
                str,
                "You are not alone. If you are thinking about harming yourself, please talk to "
                "someone now.",
                "supportive text shown to a member whose text a risk rule holds",
            ),
            "crisis_resources": Setting(
                list, [], 'list of { name = "...", phone = "...", url = "..." } tables'
            ),
            "content_dir": Setting(str, "", "folder of Markdown psychoeducation pages"),
            "replies_to_deleted": Setting(
                str, "keep", "when a member deletes their account, other members' replies to "
                "their posts: keep them (under a placeholder without the member's text) or "
                "delete them with the post", choices=("keep", "delete")),
            "secret_key": Setting(str, "", "session signing key (or FORUM_SECRET_KEY)"),
        }
    ),
    "database": Section({
        "url": Setting(str, "", "SQLAlchemy URL (or DATABASE_URL)"),
        "timeout_seconds": Setting((int, float), 10, "longest wait for the database (connecting, "
                                   "one statement, a pooled connection) and for Redis before a "
                                   "request gives up with a 503 (1-300)"),
    }),
    "plugins": Section({"enabled": Setting(list, [], "plugins to load, in order")}),
    "limits": Section(
        {
            "storage_uri": Setting(str, "memory://", "rate-limit storage (redis://... for many servers)"),
            "login": Setting(str, "10 per minute", "sign-in and registration attempts per address"),
            "write": Setting(str, "30 per minute", "posts and reactions per address"),
            "search": Setting(str, "30 per minute", "searches per address"),
        }
    ),
    "security": Section(
        {
            "https": Setting(bool, True, "the site is served over HTTPS: Secure cookies and HSTS "
                             "(set false only for a local trial over plain HTTP)"),
            "behind_proxy": Setting(int, 0, "how many reverse proxies (nginx, a load balancer) "
                                    "stand in front of the app and set X-Forwarded-For/-Proto"),
        }
    ),
}


def read_config_file(path: str | os.PathLike[str] | None) -> tuple[dict[str, Any], str]:
    """Parse the TOML file; return (raw tables, display name of the source)."""
    if path is None:
        return {}, "<defaults>"
    source = str(path)
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh), source
    except FileNotFoundError:
        raise ConfigError(f"{source}: file not found. Fix: pass an existing file with --config "
                          "or FORUM_CONFIG.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML ({exc}). Fix the syntax at that line.") from None


def _type_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "a string", bool: "true or false", int: "a whole number", list: "a list",
             dict: "a table", float: "a number"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _check_value(source: str, where: str, setting: Setting, value: Any) -> Any:
    kinds = setting.type if isinstance(setting.type, tuple) else (setting.type,)
    # bool is a subclass of int in Python; a TOML `true` is not a number here.
    if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
        raise ConfigError(
            f"{source}: [{where}] must be {_type_name(setting.type)}, got {value!r}. "
            f"Fix: set it to {_type_name(setting.type)} ({setting.help})."
        )
    if setting.choices is not None and value not in setting.choices:
        options = ", ".join(repr(c) for c in setting.choices)
        raise ConfigError(f"{source}: [{where}] is {value!r}; use one of {options}.")
    return value


def _suggest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f" Did you mean {close[0]!r}?" if close else ""


def validate(raw: dict[str, Any], schema: dict[str, Section], source: str) -> Settings:
    """Check every table and key against ``schema``; fill defaults; raise ConfigError."""
    settings: Settings = {}
    for table, value in raw.items():
        if table not in schema:
            raise ConfigError(
                f"{source}: unknown table [{table}].{_suggest(table, list(schema))} "
                "Fix: remove it, or enable the plugin that owns it in [plugins] enabled."
            )
        if not isinstance(value, dict):
            raise ConfigError(f"{source}: {table} must be a table ([{table}]), got {value!r}.")
    for table, section in schema.items():
        given = raw.get(table, {})
        values: dict[str, Any] = {}
        for key, value in given.items():
            setting = section.settings.get(key, section.any_key)
            if setting is None:
                raise ConfigError(
                    f"{source}: unknown key {key!r} in [{table}]."
                    f"{_suggest(key, list(section.settings))} Known keys: "
                    f"{', '.join(section.settings) or 'none'}."
                )
            values[key] = _check_value(source, f"{table}] {key}", setting, value)
        for key, setting in section.settings.items():
            values.setdefault(key, _copy_default(setting.default))
        settings[table] = values
    return settings


def _copy_default(value: Any) -> Any:
    return list(value) if isinstance(value, list) else dict(value) if isinstance(value, dict) else value


def apply_environment(settings: Settings, instance_path: Path) -> None:
    """Environment overrides and derived defaults (database URL, secret key)."""
    settings["database"]["url"] = (
        os.environ.get("DATABASE_URL")
        or settings["database"]["url"]
        or f"sqlite:///{instance_path / 'forum.sqlite'}"
    )
    settings["community"]["secret_key"] = (
        os.environ.get("FORUM_SECRET_KEY")
        or settings["community"]["secret_key"]
        or _instance_secret(instance_path)
    )


def _instance_secret(instance_path: Path) -> str:
    """A random key kept in the instance folder, so sessions survive restarts."""
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = os.urandom(32).hex()
    path.write_text(key)
    path.chmod(0o600)
    return key


def check_database(settings: Settings, source: str) -> None:
    timeout = settings["database"]["timeout_seconds"]
    if not 1 <= timeout <= 300:
        raise ConfigError(f"{source}: [database] timeout_seconds is {timeout!r}; use a number of "
                          "seconds from 1 to 300.")


def check_crisis_resources(settings: Settings, source: str) -> None:
    for index, resource in enumerate(settings["community"]["crisis_resources"]):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            raise ConfigError(
                f"{source}: [community] crisis_resources[{index}] needs a name, e.g. "
                '{ name = "Samaritans", phone = "116 123", url = "https://..." }.'
            )
        unknown = set(resource) - {"name", "phone", "url", "hours"}
        if unknown:
            raise ConfigError(
                f"{source}: [community] crisis_resources[{index}] has unknown keys "
                f"{sorted(unknown)}; use name, phone, url, hours."
            )
