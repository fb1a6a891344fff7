"""Keep a plugin's message catalogs in step with its code: extract, update, compile.

``forum translations plugins/funcan`` (or any folder of a third-party plugin) creates or
updates ``<folder>/translations/{en,ja}/LC_MESSAGES/messages.po`` from the folder's Python
files and templates, then compiles the ``.mo`` files. Fill the empty Japanese ``msgstr``
entries, then run it again. Installed with the package, so outside authors have it too.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

LANGUAGES = ("en", "ja")
# What to read: Python (gettext, _l, lazy_gettext) and Jinja templates with i18n.
MAPPING = "[python: **.py]\n[jinja2: **/templates/**.html]\n"


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True)


def sync(folder: Path) -> list[str]:
    """Extract, update and compile ``folder``'s catalogs; return the Japanese msgids left empty."""
    translations = folder / "translations"
    with tempfile.TemporaryDirectory() as tmp:
        pot, mapping = Path(tmp) / "messages.pot", Path(tmp) / "babel.cfg"
        mapping.write_text(MAPPING, encoding="utf-8")
        _pybabel("-q", "extract", "-F", str(mapping), "-k", "_l", "-k", "lazy_gettext",
                 "-k", "lazy_ngettext:1,2", "--no-location", "--omit-header", "-o", str(pot), str(folder))
        for language in LANGUAGES:
            po = translations / language / "LC_MESSAGES" / "messages.po"
            command = "update" if po.exists() else "init"
            extra = ["--no-fuzzy-matching", "--ignore-obsolete"] if command == "update" else []
            _pybabel("-q", command, "-i", str(pot), "-d", str(translations), "-l", language, *extra)
    _pybabel("-q", "compile", "-d", str(translations), "--use-fuzzy")
    return untranslated(translations / "ja" / "LC_MESSAGES" / "messages.po")


def untranslated(po: Path) -> list[str]:
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    return [str(m.id if isinstance(m.id, str) else m.id[0]) for m in catalog
            if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
