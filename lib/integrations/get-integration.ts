import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { integrationNotFound } from "./errors";
import { lastExecutionsOf } from "./last-executions";
import { integrationFields, toIntegrationView, toWebhookConfigView, type IntegrationDetail } from "./views";

const ALERT_FIELDS = { alertIntegrationId: true, alertOnDisable: true, alertFailureThreshold: true, alertWindowMinutes: true } as const;

/** One integration with who created and last changed it, its webhook (no secrets), its last execution. */
export async function getIntegration({ ctx, id }: { ctx: Ctx; id: string }): Promise<IntegrationDetail> {
  authorize(ctx, "portal.read");
  assertId(id, "Integration");
  const integration = await db.integration.findUnique({ where: { id }, select: { ...integrationFields, ...ALERT_FIELDS, webhook: true } });
  if (!integration) throw integrationNotFound();
  const { webhook, alertIntegrationId, alertOnDisable, alertFailureThreshold, alertWindowMinutes, ...fields } = integration;
  const userIds = [fields.createdById, fields.updatedById].filter((u): u is string => u !== null);
  const [users, lastExecutions] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }),
    lastExecutionsOf(db, [id]),
  ]);
  const userById = (userId: string | null) => users.find((u) => u.id === userId) ?? null;
  return {
    ...toIntegrationView(fields),
    alerts: { alertIntegrationId, alertOnDisable, alertFailureThreshold, alertWindowMinutes },
    createdBy: userById(fields.createdById),
    updatedBy: userById(fields.updatedById),
    webhook: webhook && toWebhookConfigView(webhook),
    lastExecution: lastExecutions.get(id) ?? null,
  };
}
