import type { Tx } from "@/lib/db";
import type { Subscription } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import { scopeWorkspaceId } from "@/lib/workspaces/scope";

export const subscriptionNotFound = () => notFound("Subscription");

/** Locks a subscription's row until the transaction ends and returns it; one of another workspace's integrations is not found. */
export async function lockSubscription(tx: Tx, id: string): Promise<Subscription> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT s.id FROM "Subscription" s JOIN "Integration" i ON i."id" = s."integrationId"
    WHERE s.id = ${id}::uuid AND i."workspaceId" = ${scopeWorkspaceId()}::uuid FOR UPDATE OF s`;
  if (!row) throw subscriptionNotFound();
  return tx.subscription.findUniqueOrThrow({ where: { id } });
}
