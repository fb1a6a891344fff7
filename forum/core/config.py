"""Community configuration: a TOML file, validated against the core's and plugins' schemas."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from limits import parse_many
from limits.storage import SCHEMES
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from .types import Section, Setting

Settings = dict[str, dict[str, Any]]


class ConfigError(Exception):
    """The community configuration is wrong; the message names the file, the key and the fix."""


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
        raise ConfigError(f"{source}: not valid TOML: {exc}. Fix: correct the syntax at that line.") from None


def _type_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "a string", bool: "true or false", int: "a whole number", list: "a list",
             dict: "a table", float: "a number"}
    if set(kinds) == {int, float}:
        return "a number"
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _is(value: Any, kind: type | tuple[type, ...]) -> bool:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    # bool is a subclass of int in Python; a TOML `true` is not a number here.
    return isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)


def _bounds(setting: Setting, counted: str) -> str:
    low, high = setting.minimum, setting.maximum
    if low is not None and high is not None:
        return f"{counted} from {low:g} to {high:g}"
    return f"{counted} of at least {low:g}" if low is not None else f"{counted} of at most {high:g}"


def problem(setting: Setting, value: Any, config_dir: Path) -> str | None:
    """What is wrong with ``value`` for ``setting`` ("... Fix: ..."), or None."""
    if not _is(value, setting.type):
        return f"must be {_type_name(setting.type)}, got {value!r}. Fix: set it to {_type_name(setting.type)}"
    if setting.minimum is not None or setting.maximum is not None:
        size, counted = (value, "a number") if _is(value, (int, float)) else (len(value), "a length")
        if (setting.minimum is not None and size < setting.minimum) or (
                setting.maximum is not None and size > setting.maximum):
            return f"is {value!r}, out of range. Fix: use {_bounds(setting, counted)}"
    for item in value if isinstance(value, list) else [value]:
        found = _item_problem(setting, item, listed=isinstance(value, list))
        if found:
            return found
    return setting.check(value, config_dir) if setting.check else None


def _item_problem(setting: Setting, item: Any, listed: bool) -> str | None:
    what = "holds" if listed else "is"
    if listed and setting.items is not None and not _is(item, setting.items):
        return f"{what} {item!r}. Fix: make every entry {_type_name(setting.items)}"
    if setting.choices is not None and item not in setting.choices:
        options = ", ".join(repr(c) for c in setting.choices)
        return f"{what} {item!r}. Fix: use {'any' if listed else 'one'} of {options}"
    if setting.pattern is not None and isinstance(item, str) and not re.fullmatch(setting.pattern, item):
        return f"{what} {item!r}. Fix: use {setting.pattern_help or 'text matching ' + setting.pattern}"
    return None


def _suggest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f" Did you mean {close[0]!r}?" if close else ""


def validate(raw: dict[str, Any], schema: dict[str, Section], source: str, config_dir: Path = Path("."),
             owner_of: Callable[[str], str | None] = lambda _table: None) -> Settings:
    """Check every table and key against ``schema``; fill defaults; raise ConfigError.

    ``owner_of(table)`` names the plugin that would own an unknown table (so the message can say
    which plugin to enable)."""
    settings: Settings = {}
    for table, value in raw.items():
        if table not in schema:
            raise ConfigError(_unknown_table(source, table, list(schema), owner_of(table)))
        if not isinstance(value, dict):
            raise ConfigError(f"{source}: {table} must be a table, got {value!r}. Fix: write it as "
                              f"[{table}] followed by key = value lines.")
    for table, section in schema.items():
        values: dict[str, Any] = {}
        for key, value in raw.get(table, {}).items():
            setting = section.settings.get(key, section.any_key)
            if setting is None:
                raise ConfigError(
                    f"{source}: [{table}] has an unknown key {key!r}.{_suggest(key, list(section.settings))} "
                    f"Fix: correct or remove it (known keys: {', '.join(section.settings) or 'none'}).")
            found = problem(setting, value, config_dir)
            if found:
                help_text = f" ({setting.help})" if setting.help else ""
                raise ConfigError(f"{source}: [{table}] {key} {found}{help_text}.")
            values[key] = value
        for key, setting in section.settings.items():
            values.setdefault(key, _copy_default(setting.default))
        settings[table] = values
    return settings


def _unknown_table(source: str, table: str, known: list[str], owner: str | None) -> str:
    if owner is not None:
        return (f"{source}: [{table}] belongs to the plugin {owner!r}, which is not enabled. Fix: add "
                f'"{owner}" to [plugins] enabled, or remove the [{table}] table.')
    return (f"{source}: unknown table [{table}].{_suggest(table, known)} Fix: correct or remove it, or "
            "enable the plugin that owns it in [plugins] enabled.")


# Ready checks for ``Setting(check=...)`` (also in forum.core.api) ---------------------------


def rate_limit(value: str, _config_dir: Path) -> str | None:
    """A flask-limiter rate (``"10 per minute"``, ``"5/second; 100/day"``), parsed as the limiter will."""
    try:
        parse_many(value)
    except ValueError:
        return (f"is {value!r}, not a rate the limiter understands. Fix: write it like \"10 per minute\" "
                "or \"100/hour; 1000/day\"")
    return None


def limiter_storage(value: str, _config_dir: Path) -> str | None:
    scheme = value.split("://", 1)[0] if "://" in value else ""
    if scheme not in SCHEMES:
        return (f"is {value!r}, not a storage the limiter knows. Fix: use memory:// (one server) or "
                "redis://host:6379 (several)")
    return None


def existing_folder(value: str, config_dir: Path) -> str | None:
    """Empty (off) or a folder that exists, relative to the community file."""
    if value and not (config_dir / value).is_dir():
        return (f"is {value!r}, but {(config_dir / value).resolve()} is not a folder. Fix: create it, or "
                "give an existing folder relative to the community file")
    return None


def database_url(value: str, _config_dir: Path) -> str | None:
    """Empty (SQLite in the instance folder) or a SQLAlchemy URL of an installed database driver."""
    if not value:
        return None
    fix = ("Fix: use sqlite:////absolute/path/forum.sqlite or postgresql+psycopg://user:password@host/name")
    try:
        make_url(value).get_dialect()
    except NoSuchModuleError:  # (a kind of ArgumentError)
        return f"is {value!r}, which names no installed database driver. {fix}"
    except ArgumentError:
        return f"is {value!r}, not a database URL. {fix}"
    return None


def time_zone(value: str, _config_dir: Path) -> str | None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return f"is {value!r}, not a time zone. Fix: use an IANA name such as \"UTC\" or \"Asia/Tokyo\""
    return None


def web_address(value: str, _config_dir: Path) -> str | None:
    """Empty or an http(s) address."""
    if value and not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value):
        return f"is {value!r}, not a web address. Fix: write it like https://forum.example.org"
    return None


CORE_SCHEMA: dict[str, Section] = {
    "community": Section(
        {
            "name": Setting(str, "Peer support community", "the community's name", minimum=1, maximum=80),
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
                minimum=1, maximum=2000,
            ),
            "crisis_resources": Setting(
                list, [], 'list of { name = "...", phone = "...", url = "..." } tables', items=dict
            ),
            "content_dir": Setting(str, "", "folder of Markdown psychoeducation pages, relative to the "
                                   "community file", check=existing_folder),
            "replies_to_deleted": Setting(
                str, "keep", "when a member deletes their account, other members' replies to their "
                "posts: keep them (under a placeholder without the member's text) or delete them with "
                "the post", choices=("keep", "delete")),
            "secret_key": Setting(str, "", "session signing key, or FORUM_SECRET_KEY; empty: a random key "
                                  "kept in the instance folder", pattern=r"(.{32,})?",
                                  pattern_help="at least 32 characters (python -c 'import secrets; "
                                               "print(secrets.token_hex())'), or leave it empty"),
        }
    ),
    "database": Section({
        "url": Setting(str, "", "SQLAlchemy URL, or DATABASE_URL; empty: SQLite in the instance folder",
                       check=database_url),
        "timeout_seconds": Setting((int, float), 10, "longest wait for the database (connecting, one "
                                   "statement, a pooled connection) and for Redis before a request "
                                   "gives up with a 503", minimum=1, maximum=300),
    }),
    "plugins": Section({"enabled": Setting(list, [], "plugins to load, in order", items=str,
                                           pattern=r"[A-Za-z_][\w.]*",
                                           pattern_help="a plugin name such as \"comments\" or a dotted "
                                                        "module path")}),
    "limits": Section(
        {
            "storage_uri": Setting(str, "memory://", "rate-limit storage, redis://... for many servers",
                                   check=limiter_storage),
            "login": Setting(str, "10 per minute", "sign-in and registration attempts per address",
                             check=rate_limit),
            "write": Setting(str, "30 per minute", "posts and reactions per address", check=rate_limit),
            "search": Setting(str, "30 per minute", "searches per address", check=rate_limit),
        }
    ),
    "security": Section(
        {
            "https": Setting(bool, True, "the site is served over HTTPS: Secure cookies and HSTS "
                             "(set false only for a local trial over plain HTTP)"),
            "behind_proxy": Setting(int, 0, "how many reverse proxies (nginx, a load balancer) "
                                    "stand in front of the app and set X-Forwarded-For/-Proto",
                                    minimum=0, maximum=5),
        }
    ),
}


def _copy_default(value: Any) -> Any:
    return list(value) if isinstance(value, list) else dict(value) if isinstance(value, dict) else value


def apply_environment(settings: Settings, instance_path: Path) -> None:
    """Environment overrides and derived defaults (database URL, secret key)."""
    wrong = database_url(os.environ.get("DATABASE_URL", ""), instance_path)
    if wrong:
        raise ConfigError(f"the environment variable DATABASE_URL {wrong}.")
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
                f"{source}: [community] crisis_resources[{index}] needs a name. Fix: write each as "
                '{ name = "Samaritans", phone = "116 123", url = "https://..." }.'
            )
        unknown = set(resource) - {"name", "phone", "url", "hours"}
        if unknown:
            raise ConfigError(
                f"{source}: [community] crisis_resources[{index}] has unknown keys "
                f"{', '.join(sorted(unknown))}. Fix: use only name, phone, url and hours."
            )
