#!/usr/bin/env bash
# Start the demo community (U2plus example) on the embedded default: SQLite + a local Whoosh index.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q -e .
exec .venv/bin/forum demo "$@"
