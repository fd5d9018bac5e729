import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.join(import.meta.dirname, "..", "..");

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  /** SIGTERM (graceful) or SIGKILL; resolves when the process has exited. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/**
 * A real `npm run worker` process (scripts/worker.ts) on the test database, resolved once it says
 * it is running. Tests kill it to prove what a crash does.
 */
export async function startWorkerProcess(env: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "test", PORTAL_LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 30_000);
    const check = () => {
      if (output.includes("running")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", () => {
      clearTimeout(timer);
      reject(new Error(`worker exited:\n${output}`));
    });
  });
  return {
    child,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Polls until `condition` holds (or fails the test after `timeoutMs`). */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = "condition") {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
