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

say "axe-core (npm package, for the accessibility walk in tests/test_design_browser.py)"
if [ ! -f .axe/node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null; then
  npm install --prefix .axe --no-audit --no-fund --silent axe-core || true
fi
if [ ! -f .axe/node_modules/axe-core/axe.min.js ]; then
  [ -n "${CI:-}" ] && fail "axe-core is missing: install Node.js and npm, then npm install --prefix .axe axe-core"
  printf '\nWARNING: axe-core missing (.axe/): the accessibility walk is skipped.\n' >&2
fi

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

# Each plugin's (and built-in's) tests alone: in a copy of the tree holding no other plugin folder,
# on SQLite, so no test leans on a plugin it does not enable. The editable install would still find
# a removed plugin in this checkout (setuptools' finder maps plugins.* here), so the runner drops that
# finder and then asserts that every forum/plugins/tests module it loaded came from the copy.
ISOLATED_PYTEST='
import sys
copy, target = sys.argv[1], sys.argv[2]
sys.meta_path[:] = [f for f in sys.meta_path if not getattr(f, "__module__", "").startswith("__editable__")]
import pytest
code = pytest.main(["-q", "-p", "no:cacheprovider", "--rootdir", copy, target])
ours = ("forum", "plugins", "tests", "conftest")
strays = sorted(name for name, module in list(sys.modules.items()) if name.split(".")[0] in ours
                and getattr(module, "__file__", None) and not module.__file__.startswith(copy + "/"))
if strays:
    print(f"ISOLATION BROKEN: imported from outside {copy}: {strays[:5]}")
sys.exit(1 if strays else int(code))
'
isolated_run() {  # <tree copy base> <folder>: one feature's tests in its own copy
  local base="$1" folder="$2" python="$PWD/.venv/bin/python" name kind copy other log result
  name="$(basename "$folder")" kind="${folder%%/*}"
  copy="$base/$kind-$name" log="$base/$kind-$name.log"
  cp -al "$base/tree" "$copy"
  for other in "$copy"/plugins/*/; do
    [ "$kind" = plugins ] && [ "$(basename "$other")" = "$name" ] || rm -rf "$other"
  done
  if (cd "$copy" && env -u FORUM_TEST_DATABASE_URL PYTHONPATH="$copy" \
        "$python" -c "$ISOLATED_PYTEST" "$copy" "$copy/$folder" >"$log" 2>&1); then
    result="ok"
  else
    result="FAILED" && echo "$folder" >>"$base/failed"
    grep -E "^(E  |FAILED|ERROR|ISOLATION)" "$log" | head -n 30 | sed "s|^|  $name: |" || true
  fi
  printf '  %-28s %-6s %s\n' "$folder" "$result" "$(grep -E '[0-9]+ (passed|failed|error)' "$log" | tail -n1)"
  rm -rf "$copy"
}

isolated_tests() {
  local base started folder
  base="$(mktemp -d)" started=$SECONDS
  git ls-files -z --cached --others --exclude-standard \
    | rsync -a --from0 --ignore-missing-args --files-from=- ./ "$base/tree/"
  for folder in plugins/*/ forum/builtins/*/ forum/testing_plugins/*/; do
    folder="${folder%/}"
    [ -d "$folder/tests" ] || continue
    echo "$(cat "$folder"/tests/*.py | wc -c) $folder"
  done | sort -rn | cut -d' ' -f2 >"$base/folders"  # the largest first: two queues end together
  while read -r folder; do
    while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n || true; done  # two at a time (2 cores)
    isolated_run "$base" "$folder" &
  done <"$base/folders"
  wait
  printf '  isolation: %ds in all\n' "$((SECONDS - started))"
  if [ -e "$base/failed" ]; then
    local failed; failed="$(tr '\n' ' ' <"$base/failed")"; rm -rf "$base"
    fail "tests fail with only their own plugin enabled: $failed"
  fi
  rm -rf "$base"
}

if [ "$#" -eq 0 ]; then  # the whole suite (CI); a run narrowed to some tests skips this step
  say "Each plugin's tests alone (no other plugin folder; SQLite)"
  isolated_tests
fi

say "Tests"
exec .venv/bin/python -m pytest -p no:cacheprovider "$@"
