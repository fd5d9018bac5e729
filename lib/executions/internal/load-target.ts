/**
 * Internal: loads a webhook to send to, secrets decrypted, without checking any permission —
 * the trigger, retry and test verbs call it after authorizing their caller.
 */
import { sql } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import {
  getWebhookForDelivery,
  toWebhookForDelivery,
  type DeliveryRow,
  type WebhookForDelivery,
} from "@/lib/integrations/internal/webhook-for-delivery";
import { scopeWorkspaceId } from "@/lib/workspaces/scope";
import { allowanceIntervalMs, rateLimitRefusal } from "../rate-limit";

/** The integration's webhook as it is now, refusing one that is disabled. */
export async function loadEnabledTarget(integrationId: string): Promise<WebhookForDelivery> {
  return assertEnabled(await getWebhookForDelivery(integrationId));
}

type TakeAllowanceInput = { userId: string; integrationId: string; limit?: number; now?: Date };

/**
 * What a trigger or a retry needs before it sends, in one round trip: one of the user's
 * triggers for this minute (see rate-limit.ts) and the integration's webhook as it is now.
 * Refuses, in this order: past the rate limit, an unknown integration (another workspace's
 * included: the verb's, see scopeWorkspaceId), no webhook, disabled. The limit is the user's, in
 * every workspace together.
 */
export async function takeAllowanceAndLoadTarget(input: TakeAllowanceInput): Promise<WebhookForDelivery> {
  return assertEnabled(await takeAllowanceAndLoadWebhook(input));
}

/** The same, but a disabled webhook is returned too (a test send is allowed while disabled). */
export async function takeAllowanceAndLoadWebhook({
  userId,
  integrationId,
  limit = env().PORTAL_TRIGGER_RATE_LIMIT,
  now = new Date(),
}: TakeAllowanceInput): Promise<WebhookForDelivery> {
  const interval = allowanceIntervalMs(limit);
  // The subquery on "TriggerRateLimit" sees the row as it was before this statement: when the
  // allowance is refused (and the row left alone), that is the time it is used up until.
  const [row] = await sql<NonNullable<DeliveryRow> & { allowed: boolean; tat: Date | null }>`
    WITH allowance AS (
      INSERT INTO "TriggerRateLimit" AS r ("userId", "tat")
      VALUES (${userId}::uuid, ${now}::timestamp + ${interval}::float8 * interval '1 millisecond')
      ON CONFLICT ("userId") DO UPDATE SET "tat" = GREATEST(r."tat", ${now}::timestamp) + ${interval}::float8 * interval '1 millisecond'
      WHERE GREATEST(r."tat", ${now}::timestamp) + ${interval}::float8 * interval '1 millisecond' <= ${now}::timestamp + interval '1 minute'
      RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM allowance) AS "allowed",
      (SELECT "tat" FROM "TriggerRateLimit" WHERE "userId" = ${userId}::uuid) AS "tat",
      i.*, to_jsonb(w) AS "config"
    FROM (VALUES (1)) AS one (x)
    LEFT JOIN "Integration" i ON i."id" = ${assertId(integrationId, "Integration")}::uuid AND i."workspaceId" = ${scopeWorkspaceId()}::uuid
    LEFT JOIN "WebhookConfig" w ON w."integrationId" = i."id"`;
  const { allowed, tat, ...target } = row;
  if (!allowed) throw rateLimitRefusal(tat, limit, now);
  return toWebhookForDelivery(target as DeliveryRow, now);
}

function assertEnabled(target: WebhookForDelivery): WebhookForDelivery {
  if (!target.enabled) {
    throw new AppError(
      "webhook_disabled",
      `The webhook of “${target.integration.name}” is disabled, so nothing was sent. An admin can enable it on the integration's webhook page.`,
    );
  }
  return target;
}
