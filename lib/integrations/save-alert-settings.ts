import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { invalid } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { lockIntegration } from "./lock";
import { alertSettingsInput, type AlertSettingsInput } from "./schemas";
import { alertSettingsOf, type AlertSettingsView } from "./views";

/**
 * Chooses where and when an integration's failure alerts go: through another integration, when a
 * subscription is disabled by its policy and/or when failures within a window reach a threshold.
 */
export async function saveAlertSettings({
  ctx,
  integrationId,
  input,
}: {
  ctx: Ctx;
  integrationId: string;
  input: AlertSettingsInput;
}): Promise<AlertSettingsView> {
  authorize(ctx, "integrations.manage");
  assertId(integrationId, "Integration");
  const data = alertSettingsInput.parse(input);
  if (data.alertIntegrationId === integrationId) {
    throw invalid("Alerts go through another integration: a failing one could not report on itself.", {
      alertIntegrationId: ["Choose another integration"],
    });
  }
  if (data.alertIntegrationId === null && (data.alertOnDisable || data.alertFailureThreshold !== null)) {
    throw invalid("Choose the integration that alerts go through.", { alertIntegrationId: ["Choose an integration"] });
  }
  return db.$transaction(async (tx) => {
    const name = await lockIntegration(tx, integrationId);
    if (data.alertIntegrationId && !(await tx.integration.findUnique({ where: { id: data.alertIntegrationId }, select: { id: true } }))) {
      throw invalid("That integration does not exist.", { alertIntegrationId: ["Choose an existing integration"] });
    }
    const before = await tx.integration.findUniqueOrThrow({ where: { id: integrationId } });
    const after = await tx.integration.update({ where: { id: integrationId }, data: { ...data, updatedById: ctx.actor.id } });
    await recordAudit(tx, ctx, {
      action: "integration.alerts_changed",
      target: { type: "integration", id: integrationId, label: name },
      before: alertSettingsOf(before),
      after: alertSettingsOf(after),
    });
    return alertSettingsOf(after);
  });
}
