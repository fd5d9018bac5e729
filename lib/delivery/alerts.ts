import { db, sql, type Tx } from "@/lib/db";
import type { Attempt } from "@/lib/generated/prisma/client";
import { uuidv7 } from "@/lib/ids";
import type { ConnectorType } from "@/lib/webhooks/connector-types";
import { newMessageId } from "@/lib/webhooks/signing";
import { recordDeliveries } from "./fan-out";
import { messageBody } from "./message-body";

/** What an alert says: recorded as a portal event (source `portal`), sent in the alert integration's format. */
interface AlertEvent {
  type: "portal.integration.disabled" | "portal.integration.failing";
  title: string;
  severity: "high" | "critical";
  details: Record<string, unknown>;
}

interface AlertTarget {
  /** The workspace of the integration alerted about, and so of the alert's event and delivery. */
  workspaceId: string;
  id: string;
  name: string;
  slug: string;
  connectorType: ConnectorType;
  url: string;
  timeoutSeconds: number;
}

/**
 * Queues an alert about `source` to the integration it chose for alerts, in `tx`: a portal
 * event, then one queued `alert` attempt with its message and job, sent by a worker like any
 * automatic delivery and recorded in the same history. Nothing is queued when no alert
 * integration is set, or its webhook is missing or disabled. Alerts never alert in turn.
 */
async function queueAlert(tx: Tx, sourceId: string, alert: AlertEvent, now: Date): Promise<string | null> {
  const [target] = await tx.$queryRaw<AlertTarget[]>`
    SELECT s."workspaceId", t."id", t."name", t."slug", t."connectorType", w."url", w."timeoutSeconds"
    FROM "Integration" s
    JOIN "Integration" t ON t."id" = s."alertIntegrationId" AND t."workspaceId" = s."workspaceId"
    JOIN "WebhookConfig" w ON w."integrationId" = t."id" AND w."enabled"
    WHERE s."id" = ${sourceId}::uuid`;
  if (!target) return null;
  const event = await tx.event.create({
    data: {
      workspaceId: target.workspaceId,
      type: alert.type,
      title: alert.title,
      severity: alert.severity,
      source: "portal",
      occurredAt: now,
      details: alert.details as object,
    },
  });
  const attemptId = uuidv7(now.getTime());
  const body = messageBody(target.connectorType, {
    kind: "event",
    event: { ...event, details: event.details },
    integration: { id: target.id, name: target.name, slug: target.slug },
    triggeredBy: null,
    now,
  });
  const delivery = {
    attemptId,
    messageId: newMessageId(),
    subscriptionId: null,
    integrationId: target.id,
    integrationName: target.name,
    mode: "event" as const,
  };
  await recordDeliveries(
    tx,
    target.workspaceId,
    event.id,
    "alert",
    [{ ...delivery, body, url: target.url, timeoutSeconds: target.timeoutSeconds, status: "queued", errorClass: null, errorMessage: null }],
    now,
  );
  return attemptId;
}

/** Called in the transaction that disables a subscription by its policy: alerts when the integration asked for it. */
export async function alertSubscriptionDisabled(
  tx: Tx,
  d: { integrationId: string; integrationName: string; subscriptionId: string; reason: string; lastError: string },
  now: Date,
): Promise<void> {
  const [wants] = await tx.$queryRaw<
    { alertOnDisable: boolean }[]
  >`SELECT "alertOnDisable" FROM "Integration" WHERE "id" = ${d.integrationId}::uuid`;
  if (!wants?.alertOnDisable) return;
  await queueAlert(
    tx,
    d.integrationId,
    {
      type: "portal.integration.disabled",
      title: `${d.integrationName}: a subscription was disabled`,
      severity: "critical",
      details: {
        integration: { id: d.integrationId, name: d.integrationName },
        subscriptionId: d.subscriptionId,
        reason: d.reason,
        lastError: d.lastError,
      },
    },
    now,
  );
}

/** The kinds of attempt whose failures count towards the threshold: deliveries, not tests or alerts. */
const COUNTED = ["initial", "automatic", "manual_retry"];

/**
 * After a failed delivery: when the integration's failures within its window reach its
 * threshold, one alert — at most one per window, however many workers see failures at once
 * (the claim on alertSentAt is one conditional update).
 */
export async function alertOnFailure(
  attempt: Pick<Attempt, "integrationId" | "kind" | "status">,
  now: Date = new Date(),
): Promise<boolean> {
  if (attempt.status !== "failed" || !attempt.integrationId || !COUNTED.includes(attempt.kind)) return false;
  const [source] = await sql<{
    name: string;
    alertFailureThreshold: number | null;
    alertWindowMinutes: number;
    alertIntegrationId: string | null;
    failures: number;
  }>`
    SELECT i."name", i."alertFailureThreshold", i."alertWindowMinutes", i."alertIntegrationId",
      (SELECT count(*)::int FROM "Attempt" a
       WHERE a."integrationId" = i."id" AND a."status" = 'failed' AND a."kind" = ANY(${COUNTED}::text[])
         AND a."startedAt" > ${now}::timestamp - make_interval(mins => i."alertWindowMinutes") AND a."finishedAt" IS NOT NULL) AS "failures"
    FROM "Integration" i
    WHERE i."id" = ${attempt.integrationId}::uuid AND i."alertFailureThreshold" IS NOT NULL AND i."alertIntegrationId" IS NOT NULL`;
  if (!source || source.failures < source.alertFailureThreshold!) return false;
  return db.$transaction(async (tx) => {
    const claimed = await tx.$executeRaw`
      UPDATE "Integration" SET "alertSentAt" = ${now}
      WHERE "id" = ${attempt.integrationId}::uuid
        AND ("alertSentAt" IS NULL OR "alertSentAt" <= ${now}::timestamp - make_interval(mins => "alertWindowMinutes"))`;
    if (claimed === 0) return false;
    const queued = await queueAlert(
      tx,
      attempt.integrationId!,
      {
        type: "portal.integration.failing",
        title: `${source.name}: ${source.failures} failed deliveries in ${source.alertWindowMinutes} min`,
        severity: "high",
        details: {
          integration: { id: attempt.integrationId, name: source.name },
          failures: source.failures,
          windowMinutes: source.alertWindowMinutes,
          threshold: source.alertFailureThreshold,
        },
      },
      now,
    );
    return queued !== null;
  });
}
