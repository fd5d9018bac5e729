// A second `npm start` on the same data folder, or from the same build, must leave the running
// portal alone. The running portal is a real child process holding the lock.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureBuild } from "./build";
import { claimDataDir, liveBuildUsers } from "./instance-lock";

const MODULE = path.join(import.meta.dirname, "instance-lock.ts");
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

/** A process that claims `dataDir` and serves the build in `buildDir`, like a running portal. */
async function runningPortal(dataDir: string, buildDir: string): Promise<ChildProcess> {
  const code = `const { claimDataDir, registerBuildUser } = await import(${JSON.stringify(MODULE)});
claimDataDir(${JSON.stringify(dataDir)}); registerBuildUser(${JSON.stringify(buildDir)}); console.log("ready"); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
    child.once("exit", (c) => reject(new Error(`child exited ${c}`)));
  });
  return child;
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });

describe("the data folder lock", () => {
  it("refuses a second portal on the same data folder, naming the running one; takes over after a kill -9", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "portal-lock-"));
    const dataDir = path.join(dir, "data");
    const first = await runningPortal(dataDir, path.join(dir, ".next"));
    expect(() => claimDataDir(dataDir)).toThrow(
      new RegExp(`Another portal is running on this data folder: pid ${first.pid} .*PORTAL_DATA_DIR=${dataDir}`),
    );
    await killed(first);
    expect(() => claimDataDir(dataDir)).not.toThrow();
    expect(existsSync(path.join(dataDir, "portal.pid"))).toBe(true);
  });
});

describe("ensureBuild", () => {
  it("never rebuilds a build that a live portal serves", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "portal-build-"));
    mkdirSync(path.join(root, ".next"));
    writeFileSync(path.join(root, ".next", "BUILD_ID"), "x");
    writeFileSync(path.join(root, ".next", "portal-sources.sha256"), "stale");
    const first = await runningPortal(path.join(root, "data"), path.join(root, ".next"));
    expect(liveBuildUsers(path.join(root, ".next")).map((u) => u.pid)).toEqual([first.pid]);
    await expect(ensureBuild(root, () => {})).rejects.toThrow(new RegExp(`pid ${first.pid}.*Stop that portal first`));
    await killed(first);
    expect(liveBuildUsers(path.join(root, ".next"))).toEqual([]);
  });
});
