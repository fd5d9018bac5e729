import { createHash } from "node:crypto";
import { openPinnedClient, type PinnedClient, type PinnedClientOptions } from "./pinned-client";

const MAX_CLIENTS = 200;
const IDLE_MS = 60_000;

interface Entry {
  pinned: PinnedClient;
  lastUsed: number;
}

const clients = new Map<string, Entry>();

/**
 * A pinned client shared by deliveries to the same origin over the same checked addresses, so
 * keep-alive connections (and TLS sessions) are reused instead of a handshake per webhook. Each
 * delivery still resolves and checks the host first: a new answer means a new key, so a
 * connection only ever goes to addresses that passed the check. Idle clients are closed.
 */
export function sharedPinnedClient(options: PinnedClientOptions): PinnedClient {
  const key = [options.url.origin, [...options.addresses].sort().join(","), options.connectTimeoutMs, fingerprint(options.ca)].join("|");
  const now = Date.now();
  const found = clients.get(key);
  if (found) {
    found.lastUsed = now;
    return found.pinned;
  }
  if (clients.size >= MAX_CLIENTS) closeOldest();
  const pinned = openPinnedClient(options);
  clients.set(key, { pinned, lastUsed: now });
  startSweeper();
  return pinned;
}

function closeOldest() {
  const [key, entry] = [...clients.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0];
  clients.delete(key);
  void entry.pinned.close();
}

let sweeper: NodeJS.Timeout | undefined;
function startSweeper() {
  sweeper ??= setInterval(() => {
    const cutoff = Date.now() - IDLE_MS;
    for (const [key, entry] of clients) {
      if (entry.lastUsed < cutoff) {
        clients.delete(key);
        void entry.pinned.close();
      }
    }
  }, IDLE_MS / 2).unref();
}

const fingerprint = (ca: string | Buffer | undefined) =>
  ca === undefined ? "" : createHash("sha256").update(ca).digest("hex").slice(0, 16);
