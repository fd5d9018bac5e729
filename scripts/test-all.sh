#!/usr/bin/env bash
# Runs every test: type check, lint, import rules, Vitest (unit + integration against a real PostgreSQL) and
# Playwright in Debian's chromium against the production build. Installs chromium and tinyproxy if missing.
set -uo pipefail
cd "$(dirname "$0")/.."

# Debian's chromium for the browser tests and tinyproxy, the outbound proxy of the proxy tests.
missing=""
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing="$missing chromium"
[ -x /usr/bin/tinyproxy ] || [ -x /usr/sbin/tinyproxy ] || missing="$missing tinyproxy"
if [ -n "$missing" ]; then
  echo "Installing$missing for the tests…"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null || {
    echo "Could not install$missing (apt-get install$missing)"; exit 1; }
fi

mkdir -p e2e/.artifacts
status=0
# The static checks and the production build run beside Vitest, at a lower priority: Vitest's
# integration tests spend most of their time waiting on receivers, timers and workers.
checks_log=e2e/.artifacts/checks.log
nice -n 10 bash scripts/lib/checks.sh >"$checks_log" 2>&1 &
checks=$!
npx vitest run --reporter=default --reporter=json --outputFile.json=e2e/.artifacts/vitest.json || status=1
echo "Type check, lint, formatting, import rules and build:"
wait $checks || status=1
cat "$checks_log"
PLAYWRIGHT_JSON_OUTPUT_NAME=e2e/.artifacts/playwright.json npx playwright test --reporter=list,json || status=1
node scripts/lib/test-summary.mjs e2e/.artifacts/vitest.json e2e/.artifacts/playwright.json
exit $status
