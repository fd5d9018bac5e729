import type { Ctx, MemberRole } from "@/lib/auth/context";
import type { Tx } from "@/lib/db";
import { conflict, forbidden, notFound } from "@/lib/errors";

/** The account fields a member's row shows (never the password hash or the two-factor secret). */
const memberUserFields = {
  id: true,
  email: true,
  name: true,
  active: true,
  lastSignInAt: true,
  mustChangePassword: true,
  ssoIssuer: true,
  totpEnabledAt: true,
  createdAt: true,
} as const;

/** A membership as the portal reads it: with its account and whether the account is in other workspaces. */
export const memberSelect = {
  workspaceId: true,
  role: true,
  canTriggerIntegrations: true,
  source: true,
  createdAt: true,
  user: { select: { ...memberUserFields, _count: { select: { memberships: true } } } },
} as const;

type MemberRow = {
  role: string;
  canTriggerIntegrations: boolean;
  source: string;
  createdAt: Date;
  user: {
    id: string;
    email: string;
    name: string;
    active: boolean;
    lastSignInAt: Date | null;
    mustChangePassword: boolean;
    ssoIssuer: string | null;
    totpEnabledAt: Date | null;
    createdAt: Date;
    _count: { memberships: number };
  };
};

/**
 * A member as the API and the Members page show them: the account's name, email and state, and
 * the membership's role and trigger permission. Nothing about the account's other workspaces but
 * whether there are any (`accountManagedHere` is false then: only an instance admin changes it).
 */
export function toMember(row: MemberRow) {
  const { _count, ...user } = row.user;
  const role = row.role as MemberRole;
  return {
    ...user,
    role,
    /** Owner or admin of this workspace (the flag the API had before roles). */
    isAdmin: role === "owner" || role === "admin",
    canTriggerIntegrations: row.canTriggerIntegrations,
    source: row.source as "portal" | "sso",
    joinedAt: row.createdAt,
    accountManagedHere: _count.memberships <= 1,
  };
}
export type Member = ReturnType<typeof toMember>;

/** The membership of `userId` in the workspace, with its account: 404 when they are not a member. */
export async function findMember(tx: Tx, workspaceId: string, userId: string) {
  const row = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } }, select: memberSelect });
  if (!row) throw notFound("Member");
  return row;
}

/**
 * Serialises changes of a workspace's owners (two owners demoting each other at once cannot both
 * succeed): held until the transaction ends.
 */
export async function lockOwners(tx: Tx, workspaceId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(727211096, hashtext(${workspaceId}::text))`;
}

/** Only an owner grants the owner role or takes it away. */
export function assertMayChangeOwner(ctx: Ctx, from: string, to: string | null) {
  if ((from === "owner" || to === "owner") && from !== to && ctx.membership?.role !== "owner") {
    throw forbidden("Only an owner of the workspace grants or removes the owner role.");
  }
}

/** The last owner of a workspace stays: refuses a change that would leave it without one. */
export async function assertOwnersRemain(tx: Tx, workspaceId: string, userId: string, what: "demote" | "remove" | "deactivate") {
  const others = await tx.membership.count({
    where: { workspaceId, role: "owner", userId: { not: userId }, user: { active: true } },
  });
  if (others > 0) return;
  const verb = { demote: "lose the owner role", remove: "be removed", deactivate: "be deactivated" }[what];
  throw conflict(`The last owner of the workspace cannot ${verb}. Make another member an owner first.`);
}

/**
 * Account-level changes (name, active, password, two-factor) of a member: the workspace's owners
 * and admins may make them only when the account belongs to no other workspace, since an account
 * shared with another workspace is not theirs alone; an instance admin always may.
 */
export function assertMayManageAccount(ctx: Ctx, member: MemberRow) {
  if (ctx.actor.isInstanceAdmin) return;
  if (member.user._count.memberships > 1) {
    throw forbidden("This account also belongs to other workspaces: only an instance admin can change it.");
  }
}
