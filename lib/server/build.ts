import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { liveBuildUsers } from "./instance-lock.ts";

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "package-lock.json",
  "next.config.mjs",
  "postcss.config.mjs",
  "prisma/schema.prisma",
];

/**
 * Runs `next build` when there is no build yet or the sources differ from those it was built
 * from (by content, so a reinstall that only touches files does not force a rebuild). Never
 * while another portal serves that build: replacing it would break the running server.
 */
export async function ensureBuild(root: string, log: (line: string) => void) {
  const stamp = path.join(root, ".next", "portal-sources.sha256");
  const fingerprint = sourcesFingerprint(root);
  const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stamp);
  if (built && readFileSync(stamp, "utf8") === fingerprint) return;
  const [user] = liveBuildUsers(path.join(root, ".next"));
  if (user) {
    throw new Error(
      `The build in .next is older than the sources, but the portal running as pid ${user.pid} (started ${user.startedAt}) serves it. ` +
        "Stop that portal first: rebuilding under it would break it.",
    );
  }
  log(built ? "sources changed since the last build, building" : "building the app (first start only)");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed (see above)");
  writeFileSync(stamp, fingerprint);
}

function sourcesFingerprint(root: string): string {
  const hash = createHash("sha256");
  const visit = (target: string) => {
    if (!existsSync(target)) return;
    if (statSync(target).isDirectory()) {
      for (const entry of readdirSync(target).sort()) {
        if (entry !== "generated" && entry !== "node_modules" && !entry.endsWith(".test.ts")) visit(path.join(target, entry));
      }
      return;
    }
    hash.update(path.relative(root, target)).update("\0").update(readFileSync(target)).update("\0");
  };
  for (const source of SOURCES) visit(path.join(root, source));
  return hash.digest("hex");
}
