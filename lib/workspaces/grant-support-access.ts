import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx, type MemberRole } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { workspaceNotFound } from "./errors";
import { supportAccessInput, type SupportAccessInput } from "./schemas";
import { asSystem, inWorkspace } from "./scope";
import type { MyWorkspaceView } from "./views";
import { recordInstanceAudit } from "./instance-audit";

/**
 * Support access: an instance admin, who does not read a workspace's data otherwise, makes
 * themselves a member of it with the role chosen. The workspace's own audit log gets a row
 * ("support_access.granted") that its owners see, and so does the instance's. Leaving again is
 * removing that membership (the workspace's Members page).
 */
export async function grantSupportAccess({ ctx, input }: { ctx: Ctx; input: SupportAccessInput }): Promise<MyWorkspaceView> {
  authorize(ctx, "instance.manage");
  const data = supportAccessInput.parse(input);
  return asSystem(
    // Awaited inside: a Prisma query runs (and is scoped) when awaited.
    async () =>
      await db.$transaction(async (tx) => {
        const workspace = await tx.workspace.findUnique({ where: { slug: data.workspace }, select: { id: true, slug: true, name: true } });
        if (!workspace) throw workspaceNotFound();
        const existing = await tx.membership.findUnique({
          where: { workspaceId_userId: { workspaceId: workspace.id, userId: ctx.actor.id } },
          select: { role: true },
        });
        if (existing) throw conflict(`You are already a member of ${workspace.name} (${existing.role}).`);
        await tx.membership.create({
          data: { workspaceId: workspace.id, userId: ctx.actor.id, role: data.role, canTriggerIntegrations: false },
        });
        const entry = {
          action: "support_access.granted",
          target: { type: "user", id: ctx.actor.id, label: ctx.actor.email },
          after: { workspace: workspace.slug, role: data.role, reason: "support access granted by an instance admin" },
        };
        await inWorkspace(workspace.id, () => recordAudit(tx, ctx, entry));
        await recordInstanceAudit(tx, ctx, { ...entry, target: { type: "workspace", id: workspace.id, label: workspace.name } });
        return { slug: workspace.slug, name: workspace.name, role: data.role as MemberRole };
      }),
  );
}
