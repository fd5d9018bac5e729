import { markInterruptedAttempts } from "@/lib/delivery/mark-interrupted";
import { purgeExpiredExecutions } from "@/lib/executions/purge-expired";
import { db } from "@/lib/db";
import { sealSecretWebhookUrls } from "@/lib/integrations/internal/webhook-secrets";
import { asSystem } from "@/lib/workspaces/scope";

/**
 * The periodic upkeep, run by whichever worker takes the minute's maintenance job (once per
 * minute across all instances): close attempts left pending by a crash, remove expired history,
 * encrypt webhook URLs that became secrets with a migration (Zapier's, when connector types came).
 * System work across workspaces, whoever calls it.
 */
export function runMaintenance(log: (line: string) => void) {
  return asSystem(() => maintain(log));
}

async function maintain(log: (line: string) => void) {
  const sealed = await sealSecretWebhookUrls(db);
  if (sealed > 0) log(`encrypted ${sealed} webhook URL(s) that carry their receiver's secret`);
  const interrupted = await markInterruptedAttempts();
  if (interrupted > 0) log(`marked ${interrupted} unfinished attempt(s) as interrupted`);
  const purged = await purgeExpiredExecutions();
  if (purged.attempts > 0) log(`removed ${purged.attempts} attempt(s) older than ${purged.cutoff.toISOString()} (retention)`);
}
