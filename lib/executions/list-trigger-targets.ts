import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { toIntegrationView } from "@/lib/integrations/views";

/** The integrations that can be triggered now, those with an enabled webhook, by name. */
export async function listTriggerTargets({ ctx }: { ctx: Ctx }) {
  authorize(ctx, "integrations.trigger");
  const rows = await db.integration.findMany({
    where: { webhook: { is: { enabled: true } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, slug: true, platform: true, connectorType: true },
  });
  return rows.map(toIntegrationView);
}
export type TriggerTarget = Awaited<ReturnType<typeof listTriggerTargets>>[number];
