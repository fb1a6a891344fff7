#!/usr/bin/env bash
# The whole test suite: SQLite and PostgreSQL, real headless Chromium, ruff.
# Installs what it needs (a .venv, Debian's chromium) and fails loudly in CI when a part is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n==> %s\n' "$*"; }
fail() { printf '\nERROR: %s\n' "$*" >&2; exit 1; }

say "Python environment (.venv)"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'

say "Chromium (Debian package; never a downloaded browser)"
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
  elif command -v sudo >/dev/null; then
    sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
  fi
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing: install Debian's chromium package."

say "PostgreSQL"
export FORUM_TEST_DATABASE_URL="${FORUM_TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}"
pg_ready() {
  .venv/bin/python - "$FORUM_TEST_DATABASE_URL" <<'PY' >/dev/null 2>&1
import sys
import psycopg
psycopg.connect(sys.argv[1].replace("postgresql+psycopg://", "postgresql://"), connect_timeout=3).close()
PY
}
if ! pg_ready && [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  sleep 2
fi
if ! pg_ready; then
  if [ -n "${CI:-}" ]; then
    fail "PostgreSQL is not reachable at $FORUM_TEST_DATABASE_URL"
  fi
  printf '\nWARNING: PostgreSQL not reachable at %s: running on SQLite only.\n' "$FORUM_TEST_DATABASE_URL" >&2
  unset FORUM_TEST_DATABASE_URL
fi

say "Redis (shared state for several app servers)"
export FORUM_TEST_REDIS_URL="${FORUM_TEST_REDIS_URL:-redis://127.0.0.1:6379/15}"
if ! .venv/bin/python -c "import redis, sys; redis.Redis.from_url(sys.argv[1]).ping()" "$FORUM_TEST_REDIS_URL" 2>/dev/null; then
  [ -n "${CI:-}" ] && fail "Redis is not reachable at $FORUM_TEST_REDIS_URL"
  printf '\nWARNING: Redis not reachable at %s: its tests are skipped.\n' "$FORUM_TEST_REDIS_URL" >&2
  unset FORUM_TEST_REDIS_URL
fi

say "Lint (ruff)"
.venv/bin/ruff check .

say "Example third-party plugin, installed from its own folder and tested there"
.venv/bin/python -m pip install -q -e examples/plugin-gratitude
(cd examples/plugin-gratitude && ../../.venv/bin/python -m pytest -q -p no:cacheprovider)

say "Tests"
exec .venv/bin/python -m pytest -p no:cacheprovider "$@"
