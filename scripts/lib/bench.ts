import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.join(import.meta.dirname, "..", "..");

/** The p-th percentile of a sample (nearest rank). */
export function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Starts the portal (`scripts/start.ts`) with this process's environment and waits until it
 * answers. It is killed when this process exits, however that happens.
 */
export async function startPortal(url: string, execArgv: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...execArgv, "--import", "tsx", "scripts/start.ts"], { cwd: root, env: process.env, stdio: ["ignore", "pipe", "inherit"] });
  process.on("exit", () => child.kill("SIGKILL"));
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  if (process.env.TRACE) child.stdout!.pipe(process.stdout);
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the portal exited:\n${output}`);
    try {
      if ((await fetch(`${url}/sign-in`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the portal did not start:\n${output}`);
}

/** Stops a portal started by startPortal and waits for it to exit. */
export async function stopPortal(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}
