import { randomUUID } from "node:crypto";
import type { Ctx } from "@/lib/auth/context";
import { hashPassword } from "@/lib/auth/passwords";
import { db } from "@/lib/db";
import { DEFAULT_WORKSPACE } from "@/lib/workspaces/scope";

export type Role = "admin" | "trigger" | "reader" | "adminTrigger";

const FLAGS: Record<Role, { isAdmin: boolean; canTriggerIntegrations: boolean }> = {
  admin: { isAdmin: true, canTriggerIntegrations: false },
  trigger: { isAdmin: false, canTriggerIntegrations: true },
  reader: { isAdmin: false, canTriggerIntegrations: false },
  adminTrigger: { isAdmin: true, canTriggerIntegrations: true },
};

let passwordHash: Promise<string> | undefined;
export const TEST_PASSWORD = "correct horse battery staple";

/**
 * A real user row, a member of a workspace (the default one unless told) with the role's rights,
 * and a ctx acting as them there. An admin is also an instance admin. Emails are unique per call.
 */
export async function makeUser(
  role: Role,
  overrides: { email?: string; name?: string; workspace?: { id: string; slug: string; name: string; planId: string } } = {},
) {
  const workspace = overrides.workspace ?? DEFAULT_WORKSPACE;
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const user = await db.user.create({
    data: {
      email: overrides.email ?? `${role}-${randomUUID()}@test.example`,
      name: overrides.name ?? `Test ${role}`,
      passwordHash: await passwordHash,
      ...FLAGS[role],
      memberships: {
        create: {
          workspaceId: workspace.id,
          role: FLAGS[role].isAdmin ? "owner" : "member",
          canTriggerIntegrations: FLAGS[role].canTriggerIntegrations,
        },
      },
    },
  });
  const ctx: Ctx = {
    actor: {
      id: user.id,
      email: user.email,
      name: user.name,
      isAdmin: user.isAdmin,
      canTriggerIntegrations: user.canTriggerIntegrations,
      isInstanceAdmin: user.isAdmin,
    },
    workspace: { ...workspace },
    membership: { role: FLAGS[role].isAdmin ? "owner" : "member" },
    via: "session",
    ip: "203.0.113.7",
    userAgent: "vitest",
  };
  return { user, ctx };
}

/** The audit rows about one target, oldest first. */
export const auditRowsFor = (targetId: string) => db.auditLog.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } });

/** A custom integration whose webhook is enabled and points at `url` (no bearer token), made by `ctx` (an admin). */
export async function makeIntegration(ctx: Ctx, url: string, namePrefix = "Test") {
  const { createIntegration } = await import("@/lib/integrations/create-integration");
  const { saveWebhookConfig } = await import("@/lib/integrations/save-webhook-config");
  const integration = await createIntegration({ ctx, input: { name: `${namePrefix} ${randomUUID().slice(0, 8)}`, platform: "custom" } });
  await saveWebhookConfig({ ctx, integrationId: integration.id, input: { url, enabled: true, timeoutSeconds: 5, bearerToken: null } });
  return integration;
}
