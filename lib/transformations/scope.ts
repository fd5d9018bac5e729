import type { Tx } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertId } from "@/lib/ids";
import { integrationNotFound } from "@/lib/integrations/errors";
import { lockIntegration } from "@/lib/integrations/lock";
import { lockSubscription, subscriptionNotFound } from "@/lib/subscriptions/lock";

/** Whose transformation: an integration's own, or one of its subscriptions' (which wins over the integration's). */
export type TransformationOwner =
  { integrationId: string; subscriptionId?: undefined } | { subscriptionId: string; integrationId?: undefined };

export interface ResolvedOwner {
  integrationId: string;
  subscriptionId: string | null;
  /** The integration's name, for audit rows. */
  label: string;
  /** The version in use. */
  transformationId: string | null;
}

/**
 * The one place that says which transformation versions belong to an owner. A workspace scope,
 * when it comes, joins here.
 */
export const versionsWhere = (owner: Pick<ResolvedOwner, "integrationId" | "subscriptionId">): Prisma.TransformationWhereInput => ({
  integrationId: owner.integrationId,
  subscriptionId: owner.subscriptionId,
});

/** Reads an owner (not found when it does not exist). */
export async function readOwner(db: PrismaClient | Tx, owner: TransformationOwner): Promise<ResolvedOwner> {
  if (owner.subscriptionId !== undefined) {
    const sub = await db.subscription.findUnique({
      where: { id: assertId(owner.subscriptionId, "Subscription") },
      select: { id: true, integrationId: true, transformationId: true, integration: { select: { name: true } } },
    });
    if (!sub) throw subscriptionNotFound();
    return {
      integrationId: sub.integrationId,
      subscriptionId: sub.id,
      label: sub.integration.name,
      transformationId: sub.transformationId,
    };
  }
  const integration = await db.integration.findUnique({
    where: { id: assertId(owner.integrationId, "Integration") },
    select: { id: true, name: true, transformationId: true },
  });
  if (!integration) throw integrationNotFound();
  return { integrationId: integration.id, subscriptionId: null, label: integration.name, transformationId: integration.transformationId };
}

/** Locks the owner's row (changes to its transformation happen one after another) and reads it. */
export async function lockOwner(tx: Tx, owner: TransformationOwner): Promise<ResolvedOwner> {
  if (owner.subscriptionId !== undefined) await lockSubscription(tx, assertId(owner.subscriptionId, "Subscription"));
  else await lockIntegration(tx, assertId(owner.integrationId, "Integration"));
  return readOwner(tx, owner);
}

/** Points the owner at a version (null: none in use). */
export async function pointOwner(tx: Tx, owner: ResolvedOwner, transformationId: string | null, actorId: string) {
  if (owner.subscriptionId)
    await tx.subscription.update({ where: { id: owner.subscriptionId }, data: { transformationId, updatedById: actorId } });
  else await tx.integration.update({ where: { id: owner.integrationId }, data: { transformationId, updatedById: actorId } });
}
