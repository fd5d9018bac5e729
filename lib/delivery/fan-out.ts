import type { Tx } from "@/lib/db";
import type { EventView } from "@/lib/events/schemas";
import { uuidv7 } from "@/lib/ids";
import { currentRequestId } from "@/lib/log";
import { deliveriesJobs, enqueueInTransaction, QUEUES } from "@/lib/jobs/queue";
import { matchesEvent, type EventFilter } from "@/lib/webhooks/match";
import type { ConnectorType } from "@/lib/webhooks/connector-types";
import { messageBody } from "./message-body";
import { newMessageId } from "@/lib/webhooks/signing";

interface Candidate {
  id: string;
  integrationId: string;
  integrationName: string;
  integrationSlug: string;
  connectorType: ConnectorType;
  eventTypes: string[];
  minSeverity: string | null;
  sources: string[];
  filter: EventFilter | null;
  mode: "event" | "default";
  enabled: boolean;
  disabledReason: string | null;
  url: string;
  timeoutSeconds: number;
}

export interface FanOut {
  /** Deliveries queued: one per matching enabled subscription of an enabled webhook. */
  queued: number;
  /** Matching subscriptions that are disabled: recorded as skipped, nothing sent. */
  skipped: number;
}

/**
 * Queues one automatic delivery per enabled subscription (of an enabled webhook) that the event
 * matches, inside the transaction that records the event: its message, a `queued` attempt and
 * the job that will send it commit together with the event, or not at all. A matching subscription
 * that is disabled gets a `skipped` attempt instead (no job, no request), so what happened stays
 * on record and can be recovered.
 */
export async function fanOutEvent(tx: Tx, event: EventView, now: Date = new Date()): Promise<FanOut> {
  // The database narrows by type (exact, prefix wildcard or *); the rest of the rule is matched here.
  const candidates = await tx.$queryRaw<Candidate[]>`
    SELECT s."id", s."integrationId", i."name" AS "integrationName", i."slug" AS "integrationSlug", i."connectorType", s."eventTypes", s."minSeverity", s."sources", s."filter", s."mode",
      s."enabled", s."disabledReason", w."url", w."timeoutSeconds"
    FROM "Subscription" s
    JOIN "Integration" i ON i."id" = s."integrationId"
    JOIN "WebhookConfig" w ON w."integrationId" = s."integrationId"
    WHERE w."enabled"
      AND EXISTS (
        SELECT 1 FROM unnest(s."eventTypes") AS p (pattern)
        WHERE p.pattern = '*' OR p.pattern = ${event.type}
          OR (right(p.pattern, 2) = '.*' AND starts_with(${event.type}, left(p.pattern, -1))))`;
  const matched = candidates.filter((s) => matchesEvent(s, event));
  if (matched.length === 0) return { queued: 0, skipped: 0 };

  const deliveries = matched.map((s): NewDelivery => {
    const messageId = newMessageId();
    return {
      attemptId: uuidv7(now.getTime()),
      messageId,
      subscriptionId: s.id,
      integrationId: s.integrationId,
      integrationName: s.integrationName,
      mode: s.mode,
      body: bodyFor(s, event, now),
      url: s.url,
      timeoutSeconds: s.timeoutSeconds,
      status: s.enabled ? "queued" : "skipped",
      errorClass: s.enabled ? null : "disabled",
      errorMessage: s.enabled
        ? null
        : `The subscription was disabled${s.disabledReason ? ` (${s.disabledReason})` : ""}: recorded, not sent.`,
    };
  });
  await recordDeliveries(tx, event.id, "automatic", deliveries, now);
  const queued = deliveries.filter((d) => d.status === "queued").length;
  return { queued, skipped: deliveries.length - queued };
}

/** The message for one subscription, in its integration's connector format. */
function bodyFor(s: Candidate, event: EventView, now: Date): string {
  const base = {
    integration: { id: s.integrationId, name: s.integrationName, slug: s.integrationSlug },
    triggeredBy: null,
    subscriptionId: s.id,
    now,
  };
  return messageBody(s.connectorType, s.mode === "event" ? { ...base, kind: "event", event } : { ...base, kind: "default" });
}

/** One delivery of an event to an integration, to record: its message and first attempt. */
export interface NewDelivery {
  attemptId: string;
  messageId: string;
  subscriptionId: string | null;
  integrationId: string;
  integrationName: string;
  mode: "event" | "default";
  body: string;
  /** As recorded: masked where it carries a secret. */
  url: string;
  timeoutSeconds: number;
  status: "queued" | "skipped";
  errorClass: string | null;
  errorMessage: string | null;
}

/**
 * Records deliveries of an event in `tx`, in two statements whatever their number: a message and
 * an attempt each (`queued`, or `skipped` with its reason), then one queue job for the queued ones
 * (see deliveriesJobs), so they commit with the caller's change or not at all. Fan-out and failure alerts use it.
 */
export async function recordDeliveries(
  tx: Tx,
  eventId: string,
  kind: "automatic" | "alert",
  deliveries: NewDelivery[],
  now: Date,
): Promise<void> {
  if (deliveries.length === 0) return;
  const rows = JSON.stringify(deliveries);
  await tx.$executeRaw`
    WITH d AS (
      SELECT * FROM jsonb_to_recordset(${rows}::jsonb) AS d ("attemptId" uuid, "messageId" text, "integrationId" uuid, "integrationName" text,
        "mode" text, "body" text, "subscriptionId" uuid, "timeoutSeconds" int, "url" text, "status" text, "errorClass" text, "errorMessage" text)
    ), message AS (
      INSERT INTO "Message" ("id", "integrationId", "integrationName", "mode", "eventId", "body", "subscriptionId", "createdAt")
      SELECT d."messageId", d."integrationId", d."integrationName", d."mode", ${eventId}::uuid, d."body", d."subscriptionId", ${now} FROM d
    )
    INSERT INTO "Attempt" ("id", "messageId", "integrationId", "integrationName", "mode", "eventId", "kind", "subscriptionId",
      "status", "errorClass", "errorMessage", "timeoutSeconds", "requestMethod", "requestUrl", "requestHeaders", "startedAt", "dueAt",
      "finishedAt", "requestId")
    SELECT d."attemptId", d."messageId", d."integrationId", d."integrationName", d."mode", ${eventId}::uuid, ${kind}, d."subscriptionId",
      d."status", d."errorClass", d."errorMessage", d."timeoutSeconds", 'POST', d."url", '{}'::jsonb, ${now},
      CASE WHEN d."status" = 'queued' THEN ${now}::timestamp END, CASE WHEN d."status" = 'skipped' THEN ${now}::timestamp END,
      ${currentRequestId()}::text
    FROM d`;
  const queued = deliveries.filter((d) => d.status === "queued");
  await enqueueInTransaction(tx, QUEUES.delivery, deliveriesJobs(queued));
}
