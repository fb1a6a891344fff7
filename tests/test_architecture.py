"""The layout the README promises: the core names no plugin or built-in, plugins and built-ins
meet only through hooks and ``forum.core.api``, every feature folder has one shape, no cycles."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "forum" / "core"
# forum/testing_plugins ships fake plugins for tests: they obey the same rules as real ones.
FEATURE_PARENTS = (ROOT / "forum" / "builtins", ROOT / "forum" / "testing_plugins", ROOT / "plugins")
NAMED_FEATURE = re.compile(r"[\"'](?:plugins|forum\.builtins)\.[a-z_]+")
FEATURES = sorted(p for parent in FEATURE_PARENTS for p in parent.iterdir() if (p / "__init__.py").exists())


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth of the file (function-level imports too)."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def source_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.py") if "tests" not in p.relative_to(folder).parts]


def test_core_names_no_plugin_or_builtin():
    for path in CORE.rglob("*.py"):
        for module in imported_modules(path):
            assert not module.startswith(("plugins", "forum.builtins")), f"{path} imports {module}"
        # Nor by name in a string: a module path of a plugin or built-in ("plugins.<name>",
        # the short-name convention, is not one).
        named = NAMED_FEATURE.findall(path.read_text(encoding="utf-8"))
        assert not named, f"{path} names {named}"


@pytest.mark.parametrize("folder", FEATURES, ids=lambda p: p.name)
def test_features_use_only_the_public_api(folder: Path):
    own = module_name(folder / "__init__.py")
    for path in source_files(folder):
        for module in imported_modules(path):
            if module.startswith(own) or not module.startswith(("forum", "plugins")):
                continue
            assert module.startswith("forum.core.api"), f"{path} imports {module}"


@pytest.mark.parametrize("folder", FEATURES, ids=lambda p: p.name)
def test_every_feature_folder_has_the_plugin_shape(folder: Path):
    assert (folder / "__init__.py").read_text(encoding="utf-8").startswith('"""'), "a docstring first"
    assert (folder / "tests").is_dir(), f"{folder.name} has no tests/"
    templates = folder / "templates"
    if templates.is_dir():
        assert [p.name for p in templates.iterdir()] == [folder.name], \
            f"templates/ of {folder.name} holds only templates/{folder.name}/"


def test_no_import_cycles_in_the_engine():
    files = {module_name(p): p for p in (ROOT / "forum").rglob("*.py") if "tests" not in p.parts}
    graph = {name: {m for m in imported_modules(path) if m in files and m != name}
             for name, path in files.items()}
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for dependency in graph[name]:
            assert state.get(dependency) != 1, "import cycle: " + " -> ".join([*trail, name, dependency])
            if dependency not in state:
                visit(dependency, [*trail, name])
        state[name] = 2

    for name in graph:
        if name not in state:
            visit(name, [])
