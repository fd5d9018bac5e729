/**
 * Builds the production app when the sources changed since the last build (the same check
 * `npm start` makes), so that a test run can build it while other tests run.
 */
import path from "node:path";
import { ensureBuild } from "../lib/server/build.ts";

const root = path.join(import.meta.dirname, "..");
await ensureBuild(root, (line) => console.log(`build: ${line}`));
