"""Keep a folder's message catalogs in step with its code: extract, update, compile.

    python scripts/translations.py forum/core      # the core
    python scripts/translations.py plugins/funcan  # one plugin

Creates or updates <folder>/translations/{en,ja}/LC_MESSAGES/messages.po, then compiles .mo.
Fill the empty Japanese msgstr entries, then run it again. tests/test_translations.py fails
while any Japanese entry is empty or fuzzy.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "ja")


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


def sync(folder: Path) -> None:
    translations = folder / "translations"
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "messages.pot"
        pybabel("extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext",
                "-k", "lazy_ngettext:1,2", "--no-location", "--omit-header", "-o", str(pot), str(folder))
        for language in LANGUAGES:
            po = translations / language / "LC_MESSAGES" / "messages.po"
            command = "update" if po.exists() else "init"
            extra = ["--no-fuzzy-matching", "--ignore-obsolete"] if command == "update" else []
            pybabel("-q", command, "-i", str(pot), "-d", str(translations), "-l", language, *extra)
    pybabel("-q", "compile", "-d", str(translations), "--use-fuzzy")


if __name__ == "__main__":
    for name in sys.argv[1:] or ["forum/core"]:
        sync(ROOT / name)
