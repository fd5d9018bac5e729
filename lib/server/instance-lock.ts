import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/** What a running portal records about itself. */
export interface PortalProcess {
  pid: number;
  startedAt: string;
  command: string;
}

const LOCK_FILE = "portal.pid";

/**
 * Claims a data folder for this process: `portal.pid` in it names the portal that owns it (and
 * the embedded PostgreSQL it runs). Refuses when that portal is still alive, naming it; a file
 * left by a portal that is gone (kill -9) is taken over. Released when this process exits.
 */
export function claimDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const me = describeSelf();
  for (let tries = 0; tries < 3; tries++) {
    try {
      writeFileSync(file, JSON.stringify(me), { flag: "wx", mode: 0o600 });
      process.once("exit", () => removeIfOurs(file));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = readOwner(file);
    if (owner && owner.pid !== process.pid && isLivePortal(owner.pid)) {
      throw new Error(
        `Another portal is running on this data folder: pid ${owner.pid} (started ${owner.startedAt}: ${owner.command}), ` +
          `PORTAL_DATA_DIR=${dataDir}. Stop it first (Ctrl+C or kill ${owner.pid}), or set PORTAL_DATA_DIR to another folder.`,
      );
    }
    rmSync(file, { force: true }); // its owner is gone
  }
  throw new Error(`Could not claim ${file}: another portal is starting on the same data folder.`);
}

/**
 * Records that this process serves the build in `buildDir` (until it exits), so that another
 * start from the same folder never rebuilds it underneath.
 */
export function registerBuildUser(buildDir: string): void {
  const dir = path.join(buildDir, "portal-servers");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, String(process.pid));
  writeFileSync(file, JSON.stringify(describeSelf()));
  process.once("exit", () => rmSync(file, { force: true }));
}

/** The live portals serving the build in `buildDir`, other than this process. */
export function liveBuildUsers(buildDir: string): PortalProcess[] {
  const dir = path.join(buildDir, "portal-servers");
  if (!existsSync(dir)) return [];
  const live: PortalProcess[] = [];
  for (const entry of readdirSync(dir)) {
    const owner = readOwner(path.join(dir, entry));
    if (owner && owner.pid !== process.pid && isLivePortal(owner.pid)) live.push(owner);
    else rmSync(path.join(dir, entry), { force: true });
  }
  return live;
}

function describeSelf(): PortalProcess {
  return {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    command: process.argv
      .slice(1)
      .map((a) => path.basename(a))
      .join(" "),
  };
}

function readOwner(file: string): PortalProcess | null {
  try {
    const owner = JSON.parse(readFileSync(file, "utf8")) as PortalProcess;
    return Number.isInteger(owner.pid) && owner.pid > 0 ? owner : null;
  } catch {
    return null;
  }
}

/** Alive, and (where /proc tells) a Node.js process, not an unrelated one that reused the pid. */
function isLivePortal(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("node");
  } catch {
    return true;
  }
}

function removeIfOurs(file: string) {
  if (readOwner(file)?.pid === process.pid) unlinkSync(file);
}
