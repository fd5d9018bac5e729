import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { getTransformation } from "./get-transformation";
import { lockOwner, pointOwner, type TransformationOwner } from "./scope";
import type { TransformationState } from "./views";

/**
 * Stops transforming what an integration (or a subscription: the integration's then applies) is
 * sent, from the next message on. The saved versions stay, so one can be restored. Removing when
 * there is none changes nothing (and audits nothing).
 */
export async function removeTransformation({ ctx, ...owner }: { ctx: Ctx } & TransformationOwner): Promise<TransformationState> {
  authorize(ctx, "integrations.manage");
  await db.$transaction(async (tx) => {
    const resolved = await lockOwner(tx, owner as TransformationOwner);
    if (!resolved.transformationId) return;
    const inUse = await tx.transformation.findUnique({ where: { id: resolved.transformationId }, select: { version: true } });
    await pointOwner(tx, resolved, null, ctx.actor.id);
    const sub = resolved.subscriptionId ? { subscriptionId: resolved.subscriptionId } : {};
    await recordAudit(tx, ctx, {
      action: "transformation.removed",
      target: { type: "integration", id: resolved.integrationId, label: resolved.label },
      before: { ...sub, version: inUse?.version ?? null },
      after: { ...sub, version: null },
    });
  });
  return getTransformation({ ctx, ...(owner as TransformationOwner) });
}
