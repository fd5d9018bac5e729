import type { PrismaClient } from "@/lib/generated/prisma/client";
import { generatePassword, hashPassword } from "@/lib/auth/passwords";
import { DEFAULT_WORKSPACE_ID } from "@/lib/workspaces/scope";

export interface SeededAdmin {
  email: string;
  /** Set only when the portal generated it: print it once. */
  generatedPassword: string | null;
}

/**
 * On a database with no user at all, creates the first admin (an instance admin, owner of the
 * default workspace) from PORTAL_ADMIN_EMAIL /
 * PORTAL_ADMIN_PASSWORD, or with a generated password. Several instances starting together
 * create it once (the advisory lock serialises them). Returns null when users exist already.
 */
export async function seedFirstAdmin(db: PrismaClient, options: { email?: string; password?: string }): Promise<SeededAdmin | null> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(727211096)`;
    if ((await tx.user.count()) > 0) return null;
    const email = (options.email ?? "admin@example.com").toLowerCase();
    const generatedPassword = options.password ? null : generatePassword();
    const admin = await tx.user.create({
      data: {
        email,
        name: "Administrator",
        passwordHash: await hashPassword(options.password ?? generatedPassword!),
        isAdmin: true,
        // The first admin may trigger too, so a fresh portal can be tried at once; an admin can
        // take the permission away on the Users page.
        canTriggerIntegrations: true,
        // An instance admin, and the owner of the default workspace (made by the migrations).
        memberships: { create: { workspaceId: DEFAULT_WORKSPACE_ID, role: "owner", canTriggerIntegrations: true } },
      },
    });
    await tx.auditLog.create({
      data: {
        action: "user.created",
        targetType: "user",
        targetId: admin.id,
        targetLabel: email,
        after: { email, isAdmin: true, seeded: true },
        workspaceId: DEFAULT_WORKSPACE_ID,
      },
    });
    return { email, generatedPassword };
  });
}
