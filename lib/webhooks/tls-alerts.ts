import type { Socket } from "node:net";

/**
 * A TLS alert that arrives after the handshake — under TLS 1.3 a receiver checks the client
 * certificate only then, so "certificate required" or "unknown CA" comes with the first read — is
 * reported by undici as "other side closed" (UND_ERR_SOCKET), the alert itself lost. The socket
 * saw it first: each socket a client opens is watched, and the alert is kept for a few seconds,
 * keyed by the connection's ports, for the delivery that failed on it to find.
 */
const alerts = new Map<string, Error>();
const KEEP_MS = 5_000;

export function watchTlsAlerts(socket: Socket) {
  socket.on("error", (error: Error & { code?: string }) => {
    if (!error.code?.startsWith("ERR_SSL_")) return;
    const key = keyOf(socket.localPort, socket.remotePort);
    alerts.set(key, error);
    setTimeout(() => alerts.delete(key), KEEP_MS).unref();
  });
}

/** The TLS alert behind undici's "other side closed", when the socket saw one. */
export function tlsAlertBehind(error: unknown): Error | undefined {
  if (!(error instanceof Error) || !("code" in error) || error.code !== "UND_ERR_SOCKET" || !("socket" in error)) return undefined;
  const info = error.socket as { localPort?: number; remotePort?: number } | undefined;
  return info ? alerts.get(keyOf(info.localPort, info.remotePort)) : undefined;
}

const keyOf = (localPort: number | undefined, remotePort: number | undefined) => `${localPort ?? ""}:${remotePort ?? ""}`;
