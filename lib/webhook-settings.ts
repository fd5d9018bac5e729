import { readFileSync } from "node:fs";
import { env } from "@/lib/env";
import { parseAllowedHosts, type AllowedHosts } from "@/lib/webhooks/address-policy";

let allowed: AllowedHosts | undefined;
let ca: string | null | undefined;

/** PORTAL_WEBHOOK_ALLOWED_HOSTS, parsed once (env validation has already checked it). */
export function allowedHosts(): AllowedHosts {
  allowed ??= parseAllowedHosts(env().PORTAL_WEBHOOK_ALLOWED_HOSTS);
  return allowed;
}

/** The PEM of PORTAL_WEBHOOK_CA_FILE, trusted besides the system roots; null when unset. */
export function extraCa(): string | null {
  if (ca === undefined) ca = env().PORTAL_WEBHOOK_CA_FILE ? readFileSync(env().PORTAL_WEBHOOK_CA_FILE!, "utf8") : null;
  return ca;
}
