import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { lockIntegration } from "@/lib/integrations/lock";
import { getTransformation } from "./get-transformation";
import type { TransformationState } from "./views";

/**
 * Stops transforming what an integration is sent, from the next message on. The saved versions
 * stay, so one can be restored. Removing when there is none changes nothing (and audits nothing).
 */
export async function removeTransformation({ ctx, integrationId }: { ctx: Ctx; integrationId: string }): Promise<TransformationState> {
  authorize(ctx, "integrations.manage");
  const id = assertId(integrationId, "Integration");
  await db.$transaction(async (tx) => {
    const name = await lockIntegration(tx, id);
    const integration = await tx.integration.findUniqueOrThrow({ where: { id }, select: { transformationId: true } });
    if (!integration.transformationId) return;
    const inUse = await tx.transformation.findUnique({ where: { id: integration.transformationId }, select: { version: true } });
    await tx.integration.update({ where: { id }, data: { transformationId: null, updatedById: ctx.actor.id } });
    await recordAudit(tx, ctx, {
      action: "transformation.removed",
      target: { type: "integration", id, label: name },
      before: { version: inUse?.version ?? null },
      after: { version: null },
    });
  });
  return getTransformation({ ctx, integrationId: id });
}
