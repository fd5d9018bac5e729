import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface Tinyproxy {
  /** http://127.0.0.1:<port>, with the credentials when the proxy asks for them. */
  url: string;
  port: number;
  /** The proxy's log so far (LogLevel Connect: one line per connection and per request line). */
  log(): string;
  /** Waits until the log holds a line matching `pattern`, and returns it. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Debian's tinyproxy, a real forward proxy, on a free loopback port with its own configuration and
 * log in a temporary folder. Installs the package with apt-get when it is missing (a fresh CI
 * machine), as scripts/test-all.sh does for chromium.
 */
export async function startTinyproxy(options: { user?: string; password?: string } = {}): Promise<Tinyproxy> {
  const binary = ensureInstalled();
  const dir = mkdtempSync(path.join(tmpdir(), "tinyproxy-"));
  const port = await freePort();
  const logFile = path.join(dir, "tinyproxy.log");
  const lines = [
    `Port ${port}`,
    "Listen 127.0.0.1",
    "Timeout 30",
    `LogFile "${logFile}"`,
    "LogLevel Connect",
    "MaxClients 50",
    // No ConnectPort line: CONNECT is allowed to any port (the test receivers listen on random ones).
    ...(options.user ? [`BasicAuth ${options.user} ${options.password ?? ""}`] : []),
  ];
  writeFileSync(path.join(dir, "tinyproxy.conf"), `${lines.join("\n")}\n`);
  const child = spawn(binary, ["-d", "-c", path.join(dir, "tinyproxy.conf")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  await untilListening(port, child, () => stderr).catch((error: unknown) => {
    child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const log = () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : "");
  const credentials = options.user ? `${encodeURIComponent(options.user)}:${encodeURIComponent(options.password ?? "")}@` : "";
  return {
    url: `http://${credentials}127.0.0.1:${port}`,
    port,
    log,
    async waitForLog(pattern, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const line = log()
          .split("\n")
          .find((l) => pattern.test(l));
        if (line !== undefined) return line;
        if (Date.now() > until) throw new Error(`tinyproxy logged no line matching ${pattern}:\n${log()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function ensureInstalled(): string {
  const found = ["/usr/bin/tinyproxy", "/usr/sbin/tinyproxy"].find((p) => existsSync(p));
  if (found) return found;
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const run = (args: string[]) =>
    execFileSync(sudo[0] ?? args[0], sudo.length ? args : args.slice(1), {
      stdio: "ignore",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  run(["apt-get", "update", "-qq"]);
  run(["apt-get", "install", "-y", "-qq", "tinyproxy"]);
  const installed = ["/usr/bin/tinyproxy", "/usr/sbin/tinyproxy"].find((p) => existsSync(p));
  if (!installed) throw new Error("apt-get install tinyproxy did not install /usr/bin/tinyproxy");
  return installed;
}

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function untilListening(port: number, child: ChildProcess, stderr: () => string) {
  const until = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`tinyproxy exited (${child.exitCode}): ${stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`tinyproxy did not listen on ${port}: ${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
