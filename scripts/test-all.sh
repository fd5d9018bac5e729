#!/usr/bin/env bash
# Runs every test: type check, lint, import rules, Vitest (unit + integration against a real PostgreSQL) and
# Playwright in Debian's chromium against the production build. Installs chromium if missing.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "Installing Debian's chromium for the browser tests…"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null || {
    echo "Could not install chromium (apt-get install chromium)"; exit 1; }
fi

mkdir -p e2e/.artifacts
status=0
npx tsc --noEmit -p . || { echo "Type check failed"; status=1; }
npx eslint . || { echo "Lint failed"; status=1; }
npx prettier --check . --log-level warn || { echo "Formatting check failed: run npm run format"; status=1; }
npm run --silent lint:deps || { echo "Import rules failed (.dependency-cruiser.cjs)"; status=1; }
npx vitest run --reporter=default --reporter=json --outputFile.json=e2e/.artifacts/vitest.json || status=1
PLAYWRIGHT_JSON_OUTPUT_NAME=e2e/.artifacts/playwright.json npx playwright test --reporter=list,json || status=1
node scripts/lib/test-summary.mjs e2e/.artifacts/vitest.json e2e/.artifacts/playwright.json
exit $status
