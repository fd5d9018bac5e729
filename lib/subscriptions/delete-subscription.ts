import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { lockIntegration } from "@/lib/integrations/lock";
import { lockSubscription } from "./lock";
import { auditedFields, toSubscriptionView } from "./views";

/** Removes a subscription. Deliveries it queued and not yet sent are skipped; its history stays. */
export async function deleteSubscription({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  authorize(ctx, "integrations.manage");
  assertId(id, "Subscription");
  await db.$transaction(async (tx) => {
    const before = toSubscriptionView(await lockSubscription(tx, id));
    const name = await lockIntegration(tx, before.integrationId);
    await tx.subscription.delete({ where: { id } });
    await recordAudit(tx, ctx, {
      action: "subscription.deleted",
      target: { type: "integration", id: before.integrationId, label: name },
      before: { subscriptionId: id, ...auditedFields(before) },
    });
  });
}
