import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import path from "node:path";

export interface ReceivedRequest {
  /** The common name of the client certificate presented (mutual TLS), if any. */
  clientSubject?: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, received: ReceivedRequest) => void;

const CERTS = path.join(import.meta.dirname, "..", "..", "e2e", "fixtures", "certs");

/**
 * A real webhook receiver on loopback for tests: records every request, answers with `handler`
 * (200 "ok" by default). `tls: "trusted"` serves a certificate from the test CA, `"untrusted"`
 * a self-signed one. `requireClientCertificate` (mutual TLS) refuses a handshake without a client
 * certificate from the test client CA; `clientSubject` records the one presented.
 */
export async function startReceiver(
  handler: Handler = (_q, res) => res.end("ok"),
  options: { tls?: "trusted" | "untrusted"; host?: string; requireClientCertificate?: boolean } = {},
) {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const peer = "getPeerCertificate" in req.socket ? (req.socket as TLSSocket).getPeerCertificate() : null;
      const received = {
        ...(peer?.subject ? { clientSubject: String(peer.subject.CN) } : {}),
        method: req.method ?? "",
        url: req.url ?? "",
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")])),
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      };
      requests.push(received);
      handler(req, res, received);
    });
  };
  const server = options.tls
    ? createHttpsServer(
        options.tls === "trusted"
          ? {
              cert: readFileSync(path.join(CERTS, "server.pem")),
              key: readFileSync(path.join(CERTS, "server-key.pem")),
              ...(options.requireClientCertificate && {
                requestCert: true,
                rejectUnauthorized: true,
                ca: readFileSync(path.join(CERTS, "client-ca.pem")),
              }),
            }
          : { cert: readFileSync(path.join(CERTS, "self-signed.pem")), key: readFileSync(path.join(CERTS, "self-signed-key.pem")) },
        listener,
      )
    : createHttpServer(listener);
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    /** The receiver's URL with the host name `localhost` (as the test allow-list names it). */
    url: `${options.tls ? "https" : "http"}://localhost:${port}/hook`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
