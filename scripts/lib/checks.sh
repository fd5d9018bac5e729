#!/usr/bin/env bash
# Type check, lint, formatting, import rules and the production build: what needs no database.
cd "$(dirname "$0")/../.."
ok=0
npx tsc --noEmit -p . || { echo "Type check failed"; ok=1; }
npx eslint . || { echo "Lint failed"; ok=1; }
npx prettier --check . --log-level warn || { echo "Formatting check failed: run npm run format"; ok=1; }
npm run --silent lint:deps || { echo "Import rules failed (.dependency-cruiser.cjs)"; ok=1; }
node --import tsx scripts/build.ts || { echo "Production build failed"; ok=1; }
exit $ok
