// Prints one closing line for the whole run from Vitest's and Playwright's JSON reports.
import { existsSync, readFileSync } from "node:fs";

const [vitestFile, playwrightFile] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

if (existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, "utf8"));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + (v.numTodoTests ?? 0);
} else failed += 1;

if (existsSync(playwrightFile)) {
  const report = JSON.parse(readFileSync(playwrightFile, "utf8"));
  const s = report.stats;
  passed += s.expected + s.flaky;
  // Errors outside tests (a server that did not start, a failing global setup) count as failures.
  failed += s.unexpected + (report.errors?.length ?? 0);
  skipped += s.skipped;
} else failed += 1;

console.log(`\n${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
