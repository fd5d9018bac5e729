import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { toIntegrationView } from "./views";

/** The integrations another one's failure alerts can go through: every other one, by name (the first 500). */
export async function listAlertTargets({ ctx, integrationId }: { ctx: Ctx; integrationId: string }) {
  authorize(ctx, "integrations.manage");
  const rows = await db.integration.findMany({
    where: { id: { not: assertId(integrationId, "Integration") } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, slug: true, platform: true, connectorType: true, webhook: { select: { enabled: true } } },
    take: 500,
  });
  return rows.map(({ webhook, ...row }) => ({ ...toIntegrationView(row), webhookEnabled: webhook?.enabled ?? false }));
}
export type AlertTarget = Awaited<ReturnType<typeof listAlertTargets>>[number];
