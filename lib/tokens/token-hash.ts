import { createHash, randomBytes } from "node:crypto";

const PREFIX = "whp_";

/** A new personal API token: shown once; only its hash is stored. */
export function generateApiToken() {
  const token = PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashApiToken(token), prefix: token.slice(0, PREFIX.length + 6) };
}

export const hashApiToken = (token: string) => createHash("sha256").update(token).digest("hex");
