import { auditColumns } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { sqlTransaction } from "@/lib/db";
import { deliveriesOf, recordDeliveries } from "@/lib/delivery/fan-out";
import { AppError } from "@/lib/errors";
import { checkEventDetails } from "@/lib/event-types/check-details";
import { recordEventTypeSeen } from "@/lib/event-types/record-seen";
import { uuidv7 } from "@/lib/ids";
import { inSpan } from "@/lib/observability/tracing";
import { takeWorkspaceAllowance } from "@/lib/workspaces/rate-limit";
import { createEventInput, MAX_DETAILS_BYTES, type CreateEventInput, type EventView, type JsonObject } from "./schemas";

export interface CreatedEvent extends EventView {
  /** Automatic deliveries queued for it: one per matching enabled subscription. */
  deliveriesQueued: number;
  /** Matching subscriptions that are disabled: recorded as skipped deliveries, not sent. */
  deliveriesSkipped: number;
}

/**
 * Records an event that happened elsewhere (ingestion by API, or the portal itself) and queues
 * its automatic deliveries in the same transaction: once this returns, every delivery the event
 * implies is durably queued, and none exists for an event that was not stored.
 *
 * The hot path of ingestion: the contract check and the matching subscriptions are read first
 * (at once), the deliveries built, and then one transaction of prepared statements writes the
 * messages and attempts, their queue job, and the event with its audit row and catalog count.
 * While traces are exported that part is the `fan out` span, parent of every delivery's spans.
 */
export async function createEvent({ ctx, input }: { ctx: Ctx; input: CreateEventInput }): Promise<CreatedEvent> {
  authorize(ctx, "events.create");
  const data = createEventInput.parse(input);
  // The workspace's plan rate: beyond it, 429 with Retry-After and nothing stored.
  await takeWorkspaceAllowance(ctx.workspace!.id, "ingest");
  const detailsJson = JSON.stringify(data.details);
  const detailsBytes = Buffer.byteLength(detailsJson);
  if (detailsBytes > MAX_DETAILS_BYTES) {
    throw new AppError("payload_too_large", `The details are ${Math.ceil(detailsBytes / 1024)} KiB; at most 256 KiB are accepted.`, {
      details: ["At most 256 KiB"],
    });
  }

  const workspaceId = ctx.workspace!.id;
  const now = new Date();
  const event: EventView = {
    id: uuidv7(now.getTime()),
    type: data.type,
    title: data.title,
    severity: data.severity,
    source: data.source,
    occurredAt: data.occurredAt ?? now,
    createdAt: now,
    details: data.details as JsonObject,
  };
  return inSpan("fan out", { attributes: { "webhook.event.id": event.id, "webhook.event.type": event.type } }, async (span) => {
    // The type's contract: refused here (enforce, or an undeclared type the portal refuses) before anything is stored.
    const [{ schemaVersion, schemaErrors }, deliveries] = await Promise.all([
      checkEventDetails(workspaceId, data.type, data.details),
      deliveriesOf(workspaceId, event, now),
    ]);
    const deliveriesQueued = deliveries.filter((d) => d.status === "queued").length;
    const deliveriesSkipped = deliveries.length - deliveriesQueued;
    span?.setAttributes({ "webhook.deliveries.queued": deliveriesQueued, "webhook.deliveries.skipped": deliveriesSkipped });
    const audit = auditColumns(ctx, {
      action: "event.created",
      target: { type: "event", id: event.id, label: event.title },
      after: {
        type: event.type,
        severity: event.severity,
        source: event.source,
        occurredAt: event.occurredAt,
        detailsBytes,
        ...(schemaVersion !== null && { schemaVersion, schemaErrors: schemaErrors?.length ?? 0 }),
        deliveriesQueued,
        deliveriesSkipped,
      },
    });

    await sqlTransaction(async (q) => {
      await recordDeliveries(q, workspaceId, event.id, "automatic", deliveries, now);
      await q`
      WITH event AS (
        INSERT INTO "Event" ("id", "workspaceId", "type", "title", "severity", "source", "occurredAt", "details", "schemaVersion", "schemaErrors",
          "createdAt")
        VALUES (${event.id}::uuid, ${workspaceId}::uuid, ${event.type}, ${event.title}, ${event.severity}, ${event.source}, ${event.occurredAt}::timestamp,
          ${detailsJson}::jsonb, ${schemaVersion}::int, ${schemaErrors ? JSON.stringify(schemaErrors) : null}::jsonb, ${now}::timestamp)
      )
      INSERT INTO "AuditLog" ("id", "workspaceId", "createdAt", "actorId", "actorEmail", "action", "targetType", "targetId", "targetLabel", "after",
        "ip", "userAgent", "requestId", "apiToken")
      VALUES (${uuidv7(now.getTime())}::uuid, ${workspaceId}::uuid, ${now}::timestamp, ${audit.actorId}::uuid, ${audit.actorEmail}::text, ${audit.action}::text,
        ${audit.targetType}::text, ${audit.targetId}::text, ${audit.targetLabel}::text, ${JSON.stringify(audit.after)}::jsonb,
        ${audit.ip}::text, ${audit.userAgent}::text, ${audit.requestId}::text, ${audit.apiToken ? JSON.stringify(audit.apiToken) : null}::jsonb)`;
      // Last: the catalog row of a busy type is locked from here to the commit.
      await recordEventTypeSeen(q, workspaceId, event, detailsBytes);
    });
    return { ...event, deliveriesQueued, deliveriesSkipped };
  });
}
