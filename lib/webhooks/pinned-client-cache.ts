import { createHash } from "node:crypto";
import { openPinnedClient, type PinnedClient, type PinnedClientOptions } from "./pinned-client";
import { openProxiedClient, type ProxiedClient, type ProxiedClientOptions } from "./proxy";

const MAX_CLIENTS = 200;
const IDLE_MS = 60_000;

interface Entry {
  client: PinnedClient | ProxiedClient;
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
  const key = [
    "direct",
    options.url.origin,
    [...options.addresses].sort().join(","),
    options.connectTimeoutMs,
    fingerprint(options.ca),
    certificateFingerprint(options.clientCertificate),
  ].join("|");
  return shared(key, () => openPinnedClient(options));
}

/** A client through the outbound proxy, shared the same way per origin, proxy and TLS settings. */
export function sharedProxiedClient(options: ProxiedClientOptions): ProxiedClient {
  const key = [
    "proxy",
    options.url.origin,
    options.proxy.url.origin,
    fingerprint(options.proxy.authorization ?? undefined),
    options.connectTimeoutMs,
    fingerprint(options.ca),
    certificateFingerprint(options.clientCertificate),
  ].join("|");
  return shared(key, () => openProxiedClient(options));
}

function shared<T extends PinnedClient | ProxiedClient>(key: string, open: () => T): T {
  const now = Date.now();
  const found = clients.get(key);
  if (found) {
    found.lastUsed = now;
    return found.client as T;
  }
  if (clients.size >= MAX_CLIENTS) closeOldest();
  const client = open();
  clients.set(key, { client, lastUsed: now });
  startSweeper();
  return client;
}

function closeOldest() {
  const [key, entry] = [...clients.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0];
  clients.delete(key);
  void entry.client.close();
}

let sweeper: NodeJS.Timeout | undefined;
function startSweeper() {
  sweeper ??= setInterval(() => {
    const cutoff = Date.now() - IDLE_MS;
    for (const [key, entry] of clients) {
      if (entry.lastUsed < cutoff) {
        clients.delete(key);
        void entry.client.close();
      }
    }
  }, IDLE_MS / 2).unref();
}

const fingerprint = (value: string | Buffer | undefined) =>
  value === undefined ? "" : createHash("sha256").update(value).digest("hex").slice(0, 16);

const certificateFingerprint = (pair: { cert: string; key: string } | undefined) =>
  pair === undefined ? "" : fingerprint(`${pair.cert}\n${pair.key}`);
