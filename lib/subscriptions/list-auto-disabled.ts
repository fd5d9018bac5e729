import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";

export interface AutoDisabledIntegration {
  integrationId: string;
  integrationName: string;
  /** Whether the integration sends failure alerts somewhere already. */
  alertsConfigured: boolean;
  subscriptions: { id: string; disabledReason: string; disabledAt: Date | null }[];
}

/**
 * Every subscription the delivery policy disabled (410 Gone, too many failures in a row) and not
 * enabled again since, by integration, most recently disabled first: what admins are told on every
 * page, whether or not they set up failure alerts. One index-free scan of a small table.
 */
export async function listAutoDisabledSubscriptions({ ctx }: { ctx: Ctx }): Promise<AutoDisabledIntegration[]> {
  authorize(ctx, "integrations.manage");
  const rows = await db.subscription.findMany({
    where: { enabled: false, disabledReason: { not: null } },
    orderBy: [{ disabledAt: "desc" }, { id: "asc" }],
    take: 200,
    select: {
      id: true,
      disabledReason: true,
      disabledAt: true,
      integration: { select: { id: true, name: true, alertIntegrationId: true } },
    },
  });
  const byIntegration = new Map<string, AutoDisabledIntegration>();
  for (const r of rows) {
    const entry = byIntegration.get(r.integration.id) ?? {
      integrationId: r.integration.id,
      integrationName: r.integration.name,
      alertsConfigured: r.integration.alertIntegrationId !== null,
      subscriptions: [],
    };
    entry.subscriptions.push({ id: r.id, disabledReason: r.disabledReason ?? "", disabledAt: r.disabledAt });
    byIntegration.set(r.integration.id, entry);
  }
  return [...byIntegration.values()];
}
