import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { subscriptionNotFound } from "./lock";
import { toSubscriptionView, type SubscriptionView } from "./views";

export async function getSubscription({ ctx, id }: { ctx: Ctx; id: string }): Promise<SubscriptionView> {
  authorize(ctx, "portal.read");
  const row = await db.subscription.findUnique({ where: { id: assertId(id, "Subscription") } });
  if (!row) throw subscriptionNotFound();
  return toSubscriptionView(row);
}
