#!/usr/bin/env bash
# Runs the browser tests as ctest does (tests/browser/CMakeLists.txt).
#   run.sh deps                  check node and Chromium; npm ci when node_modules is missing
#                                or does not match package-lock.json
#   run.sh test FILE.spec.mjs..  check again, then node --test the files
# Env: KNEEBOT_BIN (required for `test`), CHROMIUM (default /usr/bin/chromium),
# KNEEBOT_SCREENSHOT_DIR. Missing tools fail loudly: a browser test is never skipped here.
set -euo pipefail
cd "$(dirname "$0")"

fail() { echo "browser tests: $*" >&2; exit 1; }

command -v node >/dev/null 2>&1 ||
  fail "node is not on PATH; run scripts/install-deps.sh (installs nodejs and npm)"
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || fail "node $(node --version) is too old: playwright-core needs >= 20"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] ||
  fail "no Chromium at $CHROMIUM; run scripts/install-deps.sh (apt-get install chromium) or set CHROMIUM"

lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.kneebot-lock-sha256
fresh() { [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ]; }

case "${1:-}" in
  deps)
    if fresh; then
      echo "browser tests: node_modules matches package-lock.json"
    else
      command -v npm >/dev/null 2>&1 || fail "npm is not on PATH; run scripts/install-deps.sh"
      echo "browser tests: npm ci (node_modules missing or stale)"
      # No install scripts: nothing here needs one, and none may download a browser.
      npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
      echo "$lock_sum" >"$stamp"
    fi
    "$CHROMIUM" --version
    ;;
  test)
    shift
    [ $# -gt 0 ] || fail "usage: run.sh test FILE.spec.mjs..."
    fresh || fail "node_modules is missing or stale: run '$0 deps' (ctest -R browser_deps)"
    [ -n "${KNEEBOT_BIN:-}" ] && [ -x "$KNEEBOT_BIN" ] ||
      fail "KNEEBOT_BIN='${KNEEBOT_BIN:-}' is not an executable kneebot"
    exec node --test --test-concurrency=1 --test-reporter=spec "$@"
    ;;
  *) fail "usage: run.sh deps | run.sh test FILE.spec.mjs..." ;;
esac
