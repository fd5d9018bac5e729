import type { ActingToken, Actor } from "@/lib/auth/context";
import { db, sql } from "@/lib/db";
import { hashApiToken } from "./token-hash";

/**
 * The user and token behind an `Authorization: Bearer` value, or null. An expired or revoked
 * token, or one of a deactivated user, is nobody. The user's permissions are read now: what the
 * token may do is its scopes within them (lib/auth/context.ts authorize).
 */
export async function authenticateToken(token: string): Promise<{ actor: Actor; token: ActingToken } | null> {
  // One round trip on every API call: the token, its user and whether it was used lately.
  const [found] = await sql<
    Actor & { tokenId: string; tokenName: string; prefix: string; scopes: string[] | null; expiresAt: Date | null; lastUsedAt: Date | null }
  >`
    SELECT t."id" AS "tokenId", t."name" AS "tokenName", t."prefix", t."scopes", t."expiresAt", t."lastUsedAt",
      u."id", u."email", u."name", u."isAdmin", u."canTriggerIntegrations"
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
    WHERE t."tokenHash" = ${hashApiToken(token)} AND t."revokedAt" IS NULL AND u."active"
      AND (t."expiresAt" IS NULL OR t."expiresAt" > now())`;
  if (!found) return null;
  // Record use at most once a minute: a busy client should not write on every request.
  if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: found.tokenId }, data: { lastUsedAt: new Date() } });
  }
  return {
    actor: {
      id: found.id,
      email: found.email,
      name: found.name,
      isAdmin: found.isAdmin,
      canTriggerIntegrations: found.canTriggerIntegrations,
    },
    token: { id: found.tokenId, name: found.tokenName, prefix: found.prefix, scopes: found.scopes ?? [], expiresAt: found.expiresAt },
  };
}
