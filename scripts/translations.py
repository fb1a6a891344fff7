"""Keep a folder's message catalogs in step with its code (same as ``forum translations``).

    python scripts/translations.py forum/core      # the core
    python scripts/translations.py plugins/funcan  # one plugin
"""

from __future__ import annotations

import sys
from pathlib import Path

from forum.translations import sync

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    for name in sys.argv[1:] or ["forum/core"]:
        missing = sync(ROOT / name)
        if missing:
            print(f"{name}: {len(missing)} Japanese entries to fill, e.g. {missing[0]!r}")
