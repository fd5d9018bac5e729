import { isIPv6, type LookupFunction } from "node:net";
import { rootCertificates } from "node:tls";
import { Pool, buildConnector } from "undici";
import { checkAddress, hostOf, type AllowedHosts } from "./address-policy";
import { BlockedAddressError } from "./classify-delivery-error";
import { watchTlsAlerts } from "./tls-alerts";

export type PinnedClientOptions = {
  url: URL;
  /** Addresses already checked against the policy; the only ones connected to. */
  addresses: string[];
  allowedHosts: AllowedHosts;
  ca?: string | Buffer;
  /** A client certificate and key (PEM) for receivers that ask for one (mutual TLS). */
  clientCertificate?: { cert: string; key: string };
  connectTimeoutMs: number;
};

export type PinnedClient = {
  client: Pool;
  /** The address the socket connected to, once connected. */
  remoteAddress(): string | null;
  close(): Promise<void>;
};

/**
 * An undici pool for one origin that connects only to pre-checked addresses:
 * its DNS lookup answers from `addresses`, so a second, rebound answer can
 * never be used. The URL's host name is kept for the Host header and TLS
 * (SNI and certificate validation). The connected address is checked once
 * more before any byte of the request is written.
 */
export function openPinnedClient(options: PinnedClientOptions): PinnedClient {
  const { url, addresses, allowedHosts, ca, clientCertificate, connectTimeoutMs } = options;
  const hostName = hostOf(url);
  const connect = buildConnector({
    lookup: pinnedLookup(addresses),
    timeout: connectTimeoutMs,
    maxCachedSessions: 0,
    ...(ca === undefined ? {} : { ca: [...rootCertificates, ca.toString()] }),
    ...(clientCertificate ?? {}),
  });
  let remoteAddress: string | null = null;
  const client = new Pool(url.origin, {
    connect: (connectOptions, callback) =>
      connect(connectOptions, (error, socket) => {
        if (error !== null) return callback(error, null);
        const verdict = checkAddress(socket.remoteAddress ?? "", hostName, allowedHosts);
        if (!verdict.ok) {
          socket.destroy();
          return callback(new BlockedAddressError(verdict.message), null);
        }
        remoteAddress = socket.remoteAddress ?? null;
        if (url.protocol === "https:") watchTlsAlerts(socket);
        callback(null, socket);
      }),
  });
  return {
    client,
    remoteAddress: () => remoteAddress,
    close: () => client.destroy().catch(() => undefined),
  };
}

function pinnedLookup(addresses: string[]): LookupFunction {
  const entries = addresses.map((address) => ({ address, family: isIPv6(address) ? 6 : 4 }));
  return (_hostName, options, callback) => {
    if (options.all) callback(null, entries);
    else callback(null, entries[0].address, entries[0].family);
  };
}
