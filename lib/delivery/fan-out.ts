import { sql, statementOn, type SqlTx, type Tx } from "@/lib/db";
import type { EventView } from "@/lib/events/schemas";
import { uuidv7 } from "@/lib/ids";
import { currentRequestId } from "@/lib/log";
import { traceparentOf } from "@/lib/observability/tracing";
import { deliveriesJobs, enqueueInTransaction, QUEUES } from "@/lib/jobs/queue";
import { fairPriority } from "./fairness";
import { matchesEvent, type EventFilter } from "@/lib/webhooks/match";
import { hasField, type ConnectorType } from "@/lib/webhooks/connector-types";
import { messageBody } from "./message-body";
import { newMessageId } from "@/lib/webhooks/signing";
import { CANCELLED_MESSAGE, describeFailure, type RequestOverrides } from "@/lib/webhooks/transform";
import { applyTransformation } from "@/lib/transformations/apply";
import { storedOverrides, UNTRANSFORMED, withOverrides } from "./transformed-request";

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
  method: "POST" | "PUT";
  defaultModeBody: string;
  timeoutSeconds: number;
  /** The subscription's transformation version, else the integration's; null: none. */
  transformationId: string | null;
  transformationCode: string | null;
}

/**
 * The automatic deliveries an event makes: one per enabled subscription (of an enabled webhook)
 * that it matches, in its integration's format and transformed, to be recorded with the event
 * (recordDeliveries) so that its message, its `queued` attempt and the job that will send it commit
 * together with the event, or not at all. A matching subscription that is disabled gets a `skipped`
 * delivery instead (no job, no request), so what happened stays on record and can be recovered.
 */
export async function deliveriesOf(workspaceId: string, event: EventView, now: Date = new Date()): Promise<NewDelivery[]> {
  // The database narrows by workspace and type (exact, prefix wildcard or *); the rest of the rule is matched here.
  const candidates = await sql<Candidate>`
    SELECT s."id", s."integrationId", i."name" AS "integrationName", i."slug" AS "integrationSlug", i."connectorType", s."eventTypes", s."minSeverity", s."sources", s."filter", s."mode",
      s."enabled", s."disabledReason", w."url", w."method", w."defaultModeBody", w."timeoutSeconds", t."id" AS "transformationId", t."code" AS "transformationCode"
    FROM "Subscription" s
    JOIN "Integration" i ON i."id" = s."integrationId"
    JOIN "WebhookConfig" w ON w."integrationId" = s."integrationId"
    LEFT JOIN "Transformation" t ON t."id" = COALESCE(s."transformationId", i."transformationId")
    WHERE i."workspaceId" = ${workspaceId}::uuid AND w."enabled"
      AND EXISTS (
        SELECT 1 FROM unnest(s."eventTypes") AS p (pattern)
        WHERE p.pattern = '*' OR p.pattern = ${event.type}
          OR (right(p.pattern, 2) = '.*' AND starts_with(${event.type}, left(p.pattern, -1))))`;
  const matched = candidates.filter((s) => matchesEvent(s, event));

  const deliveries: NewDelivery[] = [];
  for (const s of matched) {
    const delivery: NewDelivery = {
      attemptId: uuidv7(now.getTime()),
      messageId: newMessageId(),
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
    deliveries.push(s.enabled && s.transformationId ? await transformed(delivery, s, event.type) : delivery);
  }
  return deliveries;
}

/**
 * A delivery as its transformation reshapes it: the body recorded (so the signature, computed when
 * it is sent, covers it, and a retry resends it), the method, URL and headers kept with the
 * message; or recorded as skipped (cancelled) or failed (`transform_error`), with nothing to send.
 */
async function transformed(delivery: NewDelivery, s: Candidate, eventType: string): Promise<NewDelivery> {
  const outcome = await applyTransformation(
    { id: s.transformationId!, code: s.transformationCode! },
    { eventType, body: delivery.body, shownUrl: s.url, method: hasField(s.connectorType, "method") ? s.method : "POST" },
  );
  if (outcome.kind === "cancelled")
    return { ...delivery, status: "skipped", errorClass: "transform_cancelled", errorMessage: CANCELLED_MESSAGE, request: UNTRANSFORMED };
  if (outcome.kind === "failed")
    return {
      ...delivery,
      status: "failed",
      errorClass: "transform_error",
      errorMessage: describeFailure(outcome.error),
      request: UNTRANSFORMED,
    };
  const target = withOverrides(
    { url: s.url, shownUrl: s.url, method: hasField(s.connectorType, "method") ? s.method : "POST" },
    outcome.overrides,
  );
  return { ...delivery, body: outcome.body, url: target.shownUrl, method: target.method, request: storedOverrides(outcome.overrides) };
}

/** The message for one subscription, in its integration's connector format. */
function bodyFor(s: Candidate, event: EventView, now: Date): string {
  const base = {
    integration: { id: s.integrationId, name: s.integrationName, slug: s.integrationSlug },
    triggeredBy: null,
    subscriptionId: s.id,
    now,
  };
  return messageBody(
    s.connectorType,
    s.mode === "event"
      ? { ...base, kind: "event", event }
      : { ...base, kind: "default", emptyObject: s.defaultModeBody === "empty-object" },
  );
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
  /** POST unless the transformation says otherwise (the worker records the webhook's own method when it sends). */
  method?: "POST" | "PUT";
  /** What the transformation changed besides the body, kept with the message (or that it failed or cancelled it). */
  request?: RequestOverrides | typeof UNTRANSFORMED | null;
  timeoutSeconds: number;
  /** Failed: the transformation failed, nothing is sent. */
  status: "queued" | "skipped" | "failed";
  errorClass: string | null;
  errorMessage: string | null;
}

/**
 * Records deliveries of an event in `tx`, in two statements whatever their number: a message and
 * an attempt each (`queued`, or `skipped` with its reason), then one queue job for the queued ones
 * (see deliveriesJobs), so they commit with the caller's change or not at all. Fan-out and failure alerts use it.
 * Each message keeps `traceparent` (the active span's, while traces are exported): its attempts,
 * retries included, are spans of that trace. They belong to `workspaceId`, the event's workspace.
 */
export async function recordDeliveries(
  tx: Tx | SqlTx,
  workspaceId: string,
  eventId: string,
  kind: "automatic" | "alert",
  deliveries: NewDelivery[],
  now: Date,
  traceparent: string | null = traceparentOf(),
): Promise<void> {
  if (deliveries.length === 0) return;
  const rows = JSON.stringify(deliveries);
  await statementOn(tx)`
    WITH d AS (
      SELECT * FROM jsonb_to_recordset(${rows}::jsonb) AS d ("attemptId" uuid, "messageId" text, "integrationId" uuid, "integrationName" text,
        "mode" text, "body" text, "request" jsonb, "subscriptionId" uuid, "timeoutSeconds" int, "url" text, "method" text, "status" text,
        "errorClass" text, "errorMessage" text)
    ), message AS (
      INSERT INTO "Message" ("id", "workspaceId", "integrationId", "integrationName", "mode", "eventId", "body", "request", "subscriptionId",
        "traceparent", "createdAt")
      SELECT d."messageId", ${workspaceId}::uuid, d."integrationId", d."integrationName", d."mode", ${eventId}::uuid, d."body", d."request",
        d."subscriptionId", ${traceparent}::text, ${now}::timestamp FROM d
    )
    INSERT INTO "Attempt" ("id", "workspaceId", "messageId", "integrationId", "integrationName", "mode", "eventId", "kind", "subscriptionId",
      "status", "errorClass", "errorMessage", "timeoutSeconds", "requestMethod", "requestUrl", "requestHeaders", "startedAt", "dueAt",
      "finishedAt", "requestId")
    SELECT d."attemptId", ${workspaceId}::uuid, d."messageId", d."integrationId", d."integrationName", d."mode", ${eventId}::uuid, ${kind}::text, d."subscriptionId",
      d."status", d."errorClass", d."errorMessage", d."timeoutSeconds", COALESCE(d."method", 'POST'), d."url", '{}'::jsonb, ${now}::timestamp,
      CASE WHEN d."status" = 'queued' THEN ${now}::timestamp END, CASE WHEN d."status" <> 'queued' THEN ${now}::timestamp END,
      ${currentRequestId()}::text
    FROM d`;
  const queued = deliveries.filter((d) => d.status === "queued");
  // A workspace far above its usual pace queues behind the others (fairness between workspaces).
  const priority = kind === "automatic" ? fairPriority(workspaceId, queued.length) : 0;
  await enqueueInTransaction(tx, QUEUES.delivery, deliveriesJobs(queued, priority));
}
