import type { Ctx } from "@/lib/auth/context";
import { updateSubscription } from "./update-subscription";
import type { SubscriptionView } from "./views";

/** Enables a subscription again (after the portal or a person disabled it): its failure count starts afresh. */
export async function enableSubscription({ ctx, id }: { ctx: Ctx; id: string }): Promise<SubscriptionView> {
  return updateSubscription({ ctx, id, input: { enabled: true } });
}
