import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { conflict, notFound } from "@/lib/errors";
import { securitySettingsInput, type SecuritySettingsInput } from "./schemas";

/** Whether admins who sign in with a password must use two-factor (PortalSettings, row 1). */
export async function adminTwoFactorRequired(): Promise<boolean> {
  const row = await db.portalSettings.findUnique({ where: { id: 1 }, select: { requireAdminTwoFactor: true } });
  return row?.requireAdminTwoFactor ?? false;
}

/** The security settings instance admins change, with how many admins (instance admins, workspace owners and admins) lack two-factor. */
export async function securitySettings(ctx: Ctx) {
  authorize(ctx, "instance.manage");
  const [requireAdminTwoFactor, adminsWithoutTwoFactor] = await Promise.all([
    adminTwoFactorRequired(),
    db.user.count({
      where: {
        active: true,
        passwordHash: { not: null },
        totpEnabledAt: null,
        OR: [{ isAdmin: true }, { memberships: { some: { role: { in: ["owner", "admin"] } } } }],
      },
    }),
  ]);
  return { requireAdminTwoFactor, adminsWithoutTwoFactor };
}

/**
 * Requires (or no longer requires) two-factor of admins with a password. An admin who would be
 * held to it must have set it up first, so turning it on never locks out the one turning it on.
 * From the next request on, an admin without it can do nothing but set it up. Audited.
 */
export async function updateSecuritySettings({ ctx, input }: { ctx: Ctx; input: SecuritySettingsInput }) {
  authorize(ctx, "instance.manage");
  const { requireAdminTwoFactor } = securitySettingsInput.parse(input);
  const me = await db.user.findUnique({ where: { id: ctx.actor.id }, select: { passwordHash: true, totpEnabledAt: true } });
  if (!me) throw notFound("User");
  if (requireAdminTwoFactor && me.passwordHash && !me.totpEnabledAt)
    throw conflict("Set up two-factor on your own account first (Account → Two-factor), then require it of admins.");
  await db.$transaction(async (tx) => {
    const before = await tx.portalSettings.findUnique({ where: { id: 1 }, select: { requireAdminTwoFactor: true } });
    await tx.portalSettings.upsert({ where: { id: 1 }, create: { id: 1, requireAdminTwoFactor }, update: { requireAdminTwoFactor } });
    await recordAudit(tx, ctx, {
      action: "settings.updated",
      target: { type: "settings", id: "security", label: "Security" },
      before: { requireAdminTwoFactor: before?.requireAdminTwoFactor ?? false },
      after: { requireAdminTwoFactor },
    });
  });
  return securitySettings(ctx);
}
