import { createHmac, randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

const CROCKFORD_BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export type SignMessageInput = {
  /** Every active secret; during a rotation the old and the new one. */
  secrets: string[];
  msgId: string;
  timestamp: Date;
  body: string;
};

/** A new Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** The `webhook-signature` header value: one `v1,<signature>` per secret, space-delimited. */
export function signMessage({ secrets, msgId, timestamp, body }: SignMessageInput): string {
  if (secrets.length === 0) throw new Error("At least one signing secret is required");
  return secrets.map((secret) => new Webhook(secret).sign(msgId, timestamp, body)).join(" ");
}

/**
 * A hex HMAC-SHA256 of the body keyed with the secret as written (`whsec_…` included), as the
 * `X-Webhook-Signature: sha256=…` and GitHub `X-Hub-Signature-256` conventions have receivers
 * compute it with their secret string.
 */
export function hmacSha256Hex(secret: string, body: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("hex");
}

let previous = { time: 0, random: 0n };

/**
 * `msg_` + a ULID: 48-bit millisecond timestamp and 80 random bits in Crockford
 * base32. Ids made in the same millisecond increment the random part, so ids
 * from this process sort in creation order.
 */
export function newMessageId(): string {
  const time = Math.max(Date.now(), previous.time);
  const random = time === previous.time ? previous.random + 1n : randomBits();
  previous = { time, random };
  return `msg_${toBase32(BigInt(time), 10)}${toBase32(random, 16)}`;
}

/** 80 random bits with the top bit clear, leaving room to increment without overflow. */
function randomBits(): bigint {
  const bytes = randomBytes(10);
  bytes[0] &= 0x7f;
  return BigInt(`0x${bytes.toString("hex")}`);
}

function toBase32(value: bigint, length: number): string {
  let text = "";
  for (let rest = value; text.length < length; rest >>= 5n) {
    text = CROCKFORD_BASE32[Number(rest & 31n)] + text;
  }
  return text;
}
