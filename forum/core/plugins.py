"""Load the plugins a community enables, and keep what they declare (types, policies)."""

from __future__ import annotations

import importlib
import importlib.util
import os
import pkgutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from . import hookspecs
from .config import ConfigError, Settings
from .types import ContentType, ReactionPolicy

ENTRY_POINT_GROUP = "forum.plugins"
SHORT_NAME_PACKAGE = "plugins"  # `enabled = ["name"]` means the module plugins.<name>

hookimpl = pluggy.HookimplMarker("forum")
hookspec = pluggy.HookspecMarker("forum")


def new_manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager("forum")
    manager.add_hookspecs(hookspecs)
    if os.environ.get("FORUM_TRACE_HOOKS"):
        manager.trace.root.setwriter(lambda text: sys.stderr.write(text))
        manager.enable_tracing()
    return manager


def resolve_plugin(name: str, source: str) -> ModuleType:
    """Short name -> ``plugins.<name>``; dotted path; or an entry point in ``forum.plugins``."""
    if not isinstance(name, str) or not name:
        raise ConfigError(f"{source}: [plugins] enabled holds {name!r}; each entry is a plugin name.")
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if entry.name == name:
            return entry.load()
    module_name = name if "." in name else f"plugins.{name}"
    try:
        found = importlib.util.find_spec(module_name)
    except ModuleNotFoundError:
        found = None
    if found is None:
        raise ConfigError(
            f"{source}: [plugins] enabled names unknown plugin {name!r} (no module {module_name}). "
            "Fix: correct the name, install the plugin package, or remove it from the list."
        )
    return importlib.import_module(module_name)


def plugin_owning_table(table: str) -> str | None:
    """Which installed plugin declares the config table ``table`` (asked only for a config error):
    each ``plugins.<name>`` package and ``forum.plugins`` entry point is asked for its schema."""
    candidates = [(entry.name, entry.load) for entry in entry_points(group=ENTRY_POINT_GROUP)]
    folder = importlib.util.find_spec(SHORT_NAME_PACKAGE)
    candidates += [(found.name, lambda found=found: importlib.import_module(f"{SHORT_NAME_PACKAGE}."
                                                                         f"{found.name}"))
                   for found in pkgutil.iter_modules(folder.submodule_search_locations if folder else [])]
    for name, load in candidates:
        try:
            declared = getattr(load(), "forum_settings_schema", lambda: {})()
        except Exception:  # a plugin that does not import is not the owner we can name
            continue
        if table in declared:
            return name
    return None


def plugin_dir(module: ModuleType) -> Path | None:
    """The folder of a package plugin (where its templates/ and translations/ live)."""
    file = getattr(module, "__file__", None)
    if file is None or not file.endswith("__init__.py"):
        return None
    return Path(file).parent


def implemented_hooks(manager: pluggy.PluginManager, plugin: object) -> list[str]:
    return sorted(caller.name for caller in manager.get_hookcallers(plugin) or [])


@dataclass
class ForumState:
    """Everything the core learnt at start-up; stored as ``app.extensions["forum"]``."""

    settings: Settings
    source: str
    manager: pluggy.PluginManager
    plugins: dict[str, ModuleType] = field(default_factory=dict)
    content_types: dict[str, ContentType] = field(default_factory=dict)
    policies: dict[str, ReactionPolicy] = field(default_factory=dict)
    session_query: tuple[list[str], Any] | None = None  # the signed-in member's one statement

    @property
    def hook(self) -> Any:
        return self.manager.hook

    def plugin_name(self, plugin: object) -> str:
        return self.manager.get_name(plugin) or repr(plugin)


def load_plugins(manager: pluggy.PluginManager, enabled: list[Any], source: str,
                 builtins: Sequence[str] = ()) -> dict[str, ModuleType]:
    """``builtins`` (always on, named by the caller: the core names none) and then the host's
    ``[plugins] enabled``, each registered with its own hook specs first."""
    loaded: dict[str, ModuleType] = {}
    for name in builtins:
        loaded[name] = importlib.import_module(name)
    for name in enabled:
        if name in loaded:
            raise ConfigError(f"{source}: [plugins] enabled lists {name!r} twice. Fix: keep one.")
        loaded[name] = resolve_plugin(name, source)
    for module in loaded.values():
        add_plugin_hookspecs(manager, module)
    for name, module in loaded.items():
        manager.register(module, name=name)
    return loaded


def add_plugin_hookspecs(manager: pluggy.PluginManager, module: ModuleType) -> None:
    """A plugin may declare hooks of its own: a ``hookspecs`` attribute (a module or class whose
    functions carry ``forum.core.api.hookspec``). Other plugins implement them like core hooks;
    a plugin that calls one must expect no answer when the declaring plugin is disabled."""
    specs = getattr(module, "hookspecs", None)
    if specs is not None:
        manager.add_hookspecs(specs)


def collect_content_types(state: ForumState) -> None:
    for types in state.hook.forum_content_types():
        for content_type in types:
            if content_type.name in state.content_types:
                raise ConfigError(
                    f"{state.source}: two plugins declare the content type {content_type.name!r}; "
                    "enable only one of them."
                )
            state.content_types[content_type.name] = content_type


def collect_policies(state: ForumState) -> None:
    """Exactly one reaction policy per content type, checked at start-up.

    ``forum_reaction_policy`` is a ``firstresult`` hook; to find a second answer each
    implementation is also asked on its own, through pluggy (so tracing shows every call).
    """
    impls = state.hook.forum_reaction_policy.get_hookimpls()
    for name in state.content_types:
        answers: list[tuple[str, ReactionPolicy]] = []
        for impl in impls:
            alone = state.manager.subset_hook_caller(
                "forum_reaction_policy", remove_plugins=[i.plugin for i in impls if i is not impl])
            policy = alone(content_type=name, settings=state.settings)
            if policy is not None:
                answers.append((impl.plugin_name, policy))
        if len(answers) > 1:
            providers = " and ".join(provider for provider, _ in answers)
            raise ConfigError(
                f"{state.source}: content type {name!r} has two reaction policies ({providers}). "
                f"Fix: configure {name!r} under only one of them."
            )
        if answers:
            provider, policy = answers[0]
            state.policies[name] = ReactionPolicy(policy.reactions, policy.comments, provider)


def check_moderation_mode(state: ForumState) -> None:
    """``pre`` and ``screened`` hold items for a moderator: refuse them when nobody can review
    held items (they would wait for ever) or, for ``screened``, nothing screens (risky text
    would publish with no crisis page). Called after ``forum_configure``, when rules exist."""
    mode = state.settings["community"]["moderation"]
    if mode == "post":
        return
    missing = []
    if not any(state.hook.forum_review_queue()):
        missing.append("a review queue for held items")
    if mode == "screened" and not state.hook.forum_screen.get_hookimpls():
        missing.append("screening rules")
    if missing:
        raise ConfigError(
            f"{state.source}: [community] moderation = {mode!r} needs {' and '.join(missing)}, but no "
            f"enabled plugin provides {'them' if len(missing) > 1 else 'it'}. Fix: add a moderation "
            'plugin to [plugins] enabled, or set moderation = "post" (everything publishes; reports '
            "flag items for review)."
        )
