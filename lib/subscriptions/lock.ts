import type { Tx } from "@/lib/db";
import type { Subscription } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";

export const subscriptionNotFound = () => notFound("Subscription");

/** Locks a subscription's row until the transaction ends and returns it. */
export async function lockSubscription(tx: Tx, id: string): Promise<Subscription> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Subscription" WHERE id = ${id}::uuid FOR UPDATE`;
  if (!row) throw subscriptionNotFound();
  return tx.subscription.findUniqueOrThrow({ where: { id } });
}
