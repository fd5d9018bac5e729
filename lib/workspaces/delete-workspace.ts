import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { workspaceNotFound } from "./errors";
import { workspaceSlug } from "./schemas";
import { asSystem, DEFAULT_WORKSPACE_ID } from "./scope";
import { recordInstanceAudit } from "./instance-audit";

/**
 * Deletes a workspace (not the default one) and everything it owns, in one transaction: its
 * history rows, which have no foreign key to it (Event, Message, Attempt, AuditLog,
 * IdempotencyKey, by workspaceId), the pacing and claim rows of its integrations, its rate
 * rows, then the workspace, whose configuration (integrations and their webhooks, subscriptions
 * and transformations, event types, API tokens, invitations, memberships) goes with it. The
 * instance's audit log keeps a row of it, with what was purged.
 */
export async function deleteWorkspace({ ctx, slug }: { ctx: Ctx; slug: string }): Promise<void> {
  authorize(ctx, "instance.manage");
  const parsed = workspaceSlug.safeParse(slug);
  if (!parsed.success) throw workspaceNotFound();
  await asSystem(
    // Awaited inside: a Prisma query runs (and is scoped) when awaited.
    async () =>
      await db.$transaction(
        async (tx) => {
          const workspace = await tx.workspace.findUnique({ where: { slug: parsed.data }, include: { plan: { select: { key: true } } } });
          if (!workspace) throw workspaceNotFound();
          if (workspace.id === DEFAULT_WORKSPACE_ID) throw conflict("The default workspace cannot be deleted.");
          const id = workspace.id;
          // Locked first: nothing is created in it while it goes (a creation reads the row for its plan).
          await tx.$executeRaw`SELECT 1 FROM "Workspace" WHERE "id" = ${id}::uuid FOR UPDATE`;
          const purged = {
            attempts: await tx.$executeRaw`DELETE FROM "Attempt" WHERE "workspaceId" = ${id}::uuid`,
            messages: await tx.$executeRaw`DELETE FROM "Message" WHERE "workspaceId" = ${id}::uuid`,
            events: await tx.$executeRaw`DELETE FROM "Event" WHERE "workspaceId" = ${id}::uuid`,
            auditRows: await tx.$executeRaw`DELETE FROM "AuditLog" WHERE "workspaceId" = ${id}::uuid`,
            idempotencyKeys: await tx.$executeRaw`DELETE FROM "IdempotencyKey" WHERE "workspaceId" = ${id}::uuid`,
          };
          await tx.$executeRaw`
          DELETE FROM "DeliveryClaim" WHERE "integrationId" IN (SELECT "id" FROM "Integration" WHERE "workspaceId" = ${id}::uuid)`;
          await tx.$executeRaw`
          DELETE FROM "DeliveryRateLimit" WHERE "integrationId" IN (SELECT "id" FROM "Integration" WHERE "workspaceId" = ${id}::uuid)`;
          await tx.$executeRaw`DELETE FROM "WorkspaceRateLimit" WHERE "workspaceId" = ${id}::uuid`;
          await tx.workspace.delete({ where: { id } });
          await recordInstanceAudit(tx, ctx, {
            action: "workspace.deleted",
            target: { type: "workspace", id, label: workspace.name },
            before: { name: workspace.name, slug: workspace.slug, plan: workspace.plan.key },
            after: { purged },
          });
        },
        { timeout: 120_000 },
      ),
  );
}
