import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import ipaddr from "ipaddr.js";

type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;
type IpRange = [IpAddress, number];

/** Hosts an operator allows besides public addresses, and over plain http too. */
export type AllowedHosts = {
  readonly names: ReadonlySet<string>;
  readonly ranges: readonly IpRange[];
};

export type Resolver = (host: string) => Promise<string[]>;

export type AddressCheck = { ok: true } | { ok: false; message: string };

export type WebhookUrlRefusal = {
  ok: false;
  reason: "invalid_url" | "insecure_scheme" | "blocked_address" | "dns_failure";
  message: string;
};

export type WebhookUrlCheck = { ok: true; url: URL; addresses: string[] } | WebhookUrlRefusal;

const ALLOW_HINT = "An operator can allow it with PORTAL_WEBHOOK_ALLOWED_HOSTS.";
const HTTP_MESSAGE = "Use https://. Plain http is allowed only for hosts listed in PORTAL_WEBHOOK_ALLOWED_HOSTS.";
const HOST_LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;
// ipaddr.js calls everything outside its special ranges "unicast", including
// IPv6 space that is not routed on the internet (e.g. the IPv4-compatible ::/96).
const IPV6_GLOBAL_UNICAST = ipaddr.parseCIDR("2000::/3");

const RANGE_DESCRIPTIONS: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private address",
  linkLocal: "a link-local address",
  uniqueLocal: "a unique local address",
  unspecified: "an unspecified address",
  broadcast: "a broadcast address",
  multicast: "a multicast address",
  carrierGradeNat: "a carrier-grade NAT address",
  reserved: "a reserved address",
};

/**
 * Parses a comma-separated list of host names, IP addresses and CIDR ranges
 * (IPv4 and IPv6). Throws an Error naming the first invalid entry.
 */
export function parseAllowedHosts(value: string | undefined): AllowedHosts {
  const names = new Set<string>();
  const ranges: IpRange[] = [];
  for (const entry of (value ?? "").split(",").map((part) => part.trim())) {
    if (entry === "") continue;
    const range = parseIpOrCidr(entry);
    if (range) {
      ranges.push(range);
      continue;
    }
    const name = parseHostName(entry);
    if (name === null) {
      throw new Error(`"${entry}" is not a host name, IP address or CIDR range`);
    }
    names.add(name);
  }
  return { names, ranges };
}

/**
 * Checks a webhook URL before anything is sent: scheme, credentials, and every
 * address the host resolves to. Literal IPs are checked without DNS.
 */
export async function checkWebhookUrl(url: string, opts: { allowedHosts: AllowedHosts; resolve?: Resolver }): Promise<WebhookUrlCheck> {
  const parsed = parseWebhookUrl(url);
  if (!parsed.ok) return parsed;
  const { allowedHosts, resolve = resolveHost } = opts;
  const host = hostOf(parsed.url);
  const nameAllowed = allowedHosts.names.has(host);
  if (!nameAllowed && isLocalhostName(host)) {
    const message = `${host} is a local host name; the portal only sends to public addresses. ${ALLOW_HINT}`;
    return refuse("blocked_address", message);
  }
  const resolved = await resolveAddresses(host, resolve);
  if (!resolved.ok) return resolved;
  for (const ip of resolved.addresses) {
    const verdict = checkAddress(ip, host, allowedHosts);
    if (!verdict.ok) return refuse("blocked_address", verdict.message);
  }
  const plainHttpAllowed = nameAllowed || resolved.addresses.every((ip) => isIpAllowed(ip, allowedHosts));
  if (parsed.url.protocol === "http:" && !plainHttpAllowed) {
    return refuse("insecure_scheme", HTTP_MESSAGE);
  }
  return { ok: true, url: parsed.url, addresses: resolved.addresses };
}

/**
 * Decides whether the portal may connect to `ip` on behalf of `hostName`:
 * public unicast addresses always, others only when the host name or the
 * address is in the allowed list.
 */
export function checkAddress(ip: string, hostName: string, allowedHosts: AllowedHosts): AddressCheck {
  if (allowedHosts.names.has(canonicalHost(hostName))) return { ok: true };
  if (isIP(ip) === 0) {
    return { ok: false, message: `${hostName} resolved to "${ip}", which is not an IP address.` };
  }
  const address = ipaddr.process(ip);
  if (isInRanges(address, allowedHosts.ranges)) return { ok: true };
  const range = blockedRangeOf(address);
  if (range === null) return { ok: true };
  const description = RANGE_DESCRIPTIONS[range] ?? "a special-purpose address";
  const subject = isIP(hostName) === 0 ? `${hostName} resolves to ${ip}, ${description}` : `${ip} is ${description}`;
  return { ok: false, message: `${subject}; the portal only sends to public addresses. ${ALLOW_HINT}` };
}

/** The URL's host name without IPv6 brackets or a trailing dot. */
export function hostOf(url: URL): string {
  return canonicalHost(url.hostname);
}

function parseWebhookUrl(value: string): { ok: true; url: URL } | WebhookUrlRefusal {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refuse("invalid_url", "Enter a full URL such as https://example.com/webhooks.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return refuse("invalid_url", "Only https:// (or, where allowed, http://) URLs can receive webhooks.");
  }
  if (url.username !== "" || url.password !== "") {
    return refuse("invalid_url", "The URL must not contain a user name or password.");
  }
  return { ok: true, url };
}

async function resolveAddresses(host: string, resolve: Resolver): Promise<{ ok: true; addresses: string[] } | WebhookUrlRefusal> {
  if (isIP(host) !== 0) return { ok: true, addresses: [host] };
  const failure = refuse("dns_failure", `Could not resolve ${host}. Check the host name in the URL.`);
  try {
    const addresses = await resolve(host);
    return addresses.length > 0 ? { ok: true, addresses } : failure;
  } catch {
    return failure;
  }
}

async function resolveHost(host: string): Promise<string[]> {
  const results = await lookup(host, { all: true, verbatim: true });
  return results.map((result) => result.address);
}

function refuse(reason: WebhookUrlRefusal["reason"], message: string): WebhookUrlRefusal {
  return { ok: false, reason, message };
}

function parseIpOrCidr(entry: string): IpRange | null {
  const value = entry.replace(/^\[(.*)\]$/, "$1");
  if (ipaddr.IPv4.isValidFourPartDecimal(value) || ipaddr.IPv6.isValid(value)) {
    const address = ipaddr.process(value);
    return [address, address.kind() === "ipv4" ? 32 : 128];
  }
  if (ipaddr.IPv4.isValidCIDRFourPartDecimal(value) || ipaddr.IPv6.isValidCIDR(value)) {
    return ipaddr.parseCIDR(value);
  }
  return null;
}

function canonicalHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
}

/**
 * A DNS name (internationalised names become punycode, like URL host names),
 * or null. A numeric last label is refused: URL parsers read those as IPv4.
 */
function parseHostName(entry: string): string | null {
  if (/[^\p{L}\p{M}\p{N}._-]/u.test(entry)) return null;
  const name = domainToASCII(canonicalHost(entry));
  const labels = name.split(".");
  const valid =
    name.length > 0 &&
    name.length <= 253 &&
    labels.every((label) => HOST_LABEL.test(label)) &&
    !/^(\d+|0x[0-9a-f]*)$/.test(labels[labels.length - 1]);
  return valid ? name : null;
}

function isLocalhostName(host: string): boolean {
  return host === "localhost" || host.endsWith(".localhost");
}

function isIpAllowed(ip: string, allowedHosts: AllowedHosts): boolean {
  return isIP(ip) !== 0 && isInRanges(ipaddr.process(ip), allowedHosts.ranges);
}

function isInRanges(address: IpAddress, ranges: readonly IpRange[]): boolean {
  return ranges.some((range) => address.kind() === range[0].kind() && address.match(range));
}

/** The special-purpose range an address belongs to, or null for public unicast. */
function blockedRangeOf(address: IpAddress): string | null {
  const range = address.range();
  if (range !== "unicast") return range;
  if (address.kind() === "ipv6" && !address.match(IPV6_GLOBAL_UNICAST)) return "reserved";
  return null;
}
