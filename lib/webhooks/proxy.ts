import type { Socket } from "node:net";
import { rootCertificates } from "node:tls";
import { Client, Pool, buildConnector, type Dispatcher } from "undici";
import { hostOf } from "./address-policy";
import { ProxyError } from "./classify-delivery-error";
import { proxyLabel, type WebhookProxy } from "./proxy-settings";
import { watchTlsAlerts } from "./tls-alerts";

export type ProxiedClientOptions = {
  /** The target: its host name goes in CONNECT (or the absolute-form request line), unresolved. */
  url: URL;
  proxy: WebhookProxy;
  /** PEM trusted besides the system roots, for the proxy's certificate and the target's. */
  ca?: string | Buffer;
  /** A client certificate and key (PEM) for the target's TLS handshake. */
  clientCertificate?: { cert: string; key: string };
  connectTimeoutMs: number;
};

export type ProxiedClient = {
  client: Dispatcher;
  /** The request target: origin-form through a tunnel, absolute-form to an http proxy. */
  path(url: URL): string;
  /** Headers the proxy needs on each request (absolute-form only). */
  headers: Record<string, string>;
  remoteAddress(): null;
  close(): Promise<void>;
};

/**
 * A client that reaches one origin through an outbound proxy. https targets go through a
 * `CONNECT host:port` tunnel, and TLS (SNI, certificate checks, a client certificate) runs end
 * to end inside it; plain http targets are sent to the proxy in absolute form. Whatever goes
 * wrong before the target is reached (the proxy unreachable, refusing, asking for credentials,
 * slow) is raised as a ProxyError, so it is told apart from the receiver's own failures.
 */
export function openProxiedClient(options: ProxiedClientOptions): ProxiedClient {
  const { url, proxy, connectTimeoutMs } = options;
  const trusted = options.ca === undefined ? {} : { ca: [...rootCertificates, options.ca.toString()] };
  const toProxy = buildConnector({ timeout: connectTimeoutMs, maxCachedSessions: 0, ...trusted });
  const proxyConnect: buildConnector.connector = (connectOptions, callback) =>
    toProxy(connectOptions, (error, socket) => {
      if (error !== null) return callback(proxyFailure(proxy, error, connectTimeoutMs), null);
      callback(null, socket);
    });

  if (url.protocol === "http:") {
    const client = new Pool(proxy.url.origin, { connect: proxyConnect });
    return {
      client,
      path: (target) => target.href,
      headers: { host: url.host, ...(proxy.authorization === null ? {} : { "proxy-authorization": proxy.authorization }) },
      remoteAddress: () => null,
      close: () => client.destroy().catch(() => undefined),
    };
  }

  const tunnels = new Client(proxy.url.origin, { connect: proxyConnect });
  const toTarget = buildConnector({
    timeout: connectTimeoutMs,
    maxCachedSessions: 0,
    ...trusted,
    ...(options.clientCertificate ?? {}),
  });
  const authority = `${url.hostname}:${url.port || "443"}`;
  const client = new Pool(url.origin, {
    connect: (connectOptions, callback) => {
      openTunnel(tunnels, proxy, authority, connectTimeoutMs).then(
        (socket) => {
          toTarget({ ...connectOptions, servername: hostOf(url), httpSocket: socket }, (error, tlsSocket) => {
            if (error !== null) return callback(error, null);
            watchTlsAlerts(tlsSocket);
            callback(null, tlsSocket);
          });
        },
        (error: unknown) => {
          callback(error instanceof Error ? error : new ProxyError(String(error)), null);
        },
      );
    },
  });
  return {
    client,
    path: (target) => `${target.pathname}${target.search}`,
    headers: {},
    remoteAddress: () => null,
    close: async () => {
      await Promise.all([client.destroy().catch(() => undefined), tunnels.destroy().catch(() => undefined)]);
    },
  };
}

async function openTunnel(tunnels: Client, proxy: WebhookProxy, authority: string, timeoutMs: number) {
  let answer: Dispatcher.ConnectData;
  try {
    answer = await tunnels.connect({
      path: authority,
      headers: { host: authority, ...(proxy.authorization === null ? {} : { "proxy-authorization": proxy.authorization }) },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw error instanceof ProxyError ? error : proxyFailure(proxy, error, timeoutMs);
  }
  if (answer.statusCode !== 200) {
    answer.socket.destroy();
    throw new ProxyError(
      `The proxy ${proxyLabel(proxy)} refused to open a tunnel to ${authority}: it answered ${describeProxyStatus(answer.statusCode)}.`,
    );
  }
  // The CONNECT socket is the proxy connection itself (a net.Socket or TLSSocket), handed over.
  return answer.socket as Socket;
}

function describeProxyStatus(status: number): string {
  if (status === 407) return "407 Proxy Authentication Required (check the credentials in the proxy URL)";
  if (status === 403) return "403 Forbidden (the proxy does not allow this destination)";
  if (status === 502 || status === 503 || status === 504) return `${status} (it could not reach the receiver)`;
  return String(status);
}

/** An error from connecting to, or talking to, the proxy itself. */
export function proxyFailure(proxy: WebhookProxy, error: unknown, timeoutMs: number): ProxyError {
  const code = error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : null;
  const timedOut = code === "UND_ERR_CONNECT_TIMEOUT" || code === "ETIMEDOUT" || (error instanceof Error && error.name === "TimeoutError");
  const what = timedOut
    ? `did not answer within ${Number((timeoutMs / 1000).toFixed(1))} s`
    : code === "ECONNREFUSED"
      ? "refused the connection; nothing is listening there"
      : code === "ENOTFOUND" || code === "EAI_AGAIN"
        ? "could not be resolved"
        : `could not be used (${code ?? (error instanceof Error ? error.name : "unknown error")})`;
  return new ProxyError(`The proxy ${proxyLabel(proxy)} ${what}.`, { cause: error });
}

/** A proxy's own answer in absolute form that is not the receiver's: only 407 is unambiguous. */
export function proxyAnswerFailure(proxy: WebhookProxy, status: number): ProxyError | null {
  return status === 407 ? new ProxyError(`The proxy ${proxyLabel(proxy)} answered ${describeProxyStatus(status)}.`) : null;
}
