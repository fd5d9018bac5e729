import type { ActingToken, Actor, MemberRole, WorkspaceRef } from "@/lib/auth/context";
import { db, sql } from "@/lib/db";
import { isWorkspaceAdmin } from "@/lib/workspaces/membership";
import { asSystem } from "@/lib/workspaces/scope";
import { hashApiToken } from "./token-hash";

/**
 * The user and token behind an `Authorization: Bearer` value, or null. An expired or revoked
 * token, or one of a deactivated user, is nobody. The user's permissions are read now: what the
 * token may do is its scopes within them (lib/auth/context.ts authorize).
 */
export async function authenticateToken(
  token: string,
): Promise<{ actor: Actor; token: ActingToken; workspace: WorkspaceRef; membership: { role: MemberRole } } | null> {
  // One round trip on every API call: the token, its user, their membership of the token's
  // workspace, and whether it was used lately. A token of a user no longer a member is nobody.
  const [found] = await sql<{
    tokenId: string;
    tokenName: string;
    prefix: string;
    scopes: string[] | null;
    expiresAt: Date | null;
    lastUsedAt: Date | null;
    id: string;
    email: string;
    name: string;
    isInstanceAdmin: boolean;
    role: MemberRole;
    canTriggerIntegrations: boolean;
    workspaceId: string;
    slug: string;
    workspaceName: string;
    planId: string;
  }>`
    SELECT t."id" AS "tokenId", t."name" AS "tokenName", t."prefix", t."scopes", t."expiresAt", t."lastUsedAt",
      u."id", u."email", u."name", u."isAdmin" AS "isInstanceAdmin", m."role", m."canTriggerIntegrations",
      w."id" AS "workspaceId", w."slug", w."name" AS "workspaceName", w."planId"
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
      JOIN "Membership" m ON m."workspaceId" = t."workspaceId" AND m."userId" = t."userId"
      JOIN "Workspace" w ON w."id" = t."workspaceId"
    WHERE t."tokenHash" = ${hashApiToken(token)} AND t."revokedAt" IS NULL AND u."active"
      AND (t."expiresAt" IS NULL OR t."expiresAt" > now())`;
  if (!found) return null;
  // Record use at most once a minute: a busy client should not write on every request.
  if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > 60_000) {
    // Awaited inside the scope: a Prisma query runs when awaited, in the context awaiting it.
    await asSystem(async () => {
      await db.apiToken.update({ where: { id: found.tokenId }, data: { lastUsedAt: new Date() } });
    });
  }
  return {
    actor: {
      id: found.id,
      email: found.email,
      name: found.name,
      isAdmin: isWorkspaceAdmin(found.role),
      canTriggerIntegrations: found.canTriggerIntegrations,
      isInstanceAdmin: found.isInstanceAdmin,
    },
    workspace: { id: found.workspaceId, slug: found.slug, name: found.workspaceName, planId: found.planId },
    membership: { role: found.role },
    token: { id: found.tokenId, name: found.tokenName, prefix: found.prefix, scopes: found.scopes ?? [], expiresAt: found.expiresAt },
  };
}
