import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db, type Tx } from "@/lib/db";
import { fanOutEvent } from "@/lib/delivery/fan-out";
import { AppError } from "@/lib/errors";
import { checkEventDetails } from "@/lib/event-types/check-details";
import { recordEventTypeSeen } from "@/lib/event-types/record-seen";
import { createEventInput, eventSelect, MAX_DETAILS_BYTES, toEventView, type CreateEventInput, type EventView } from "./schemas";

export interface CreatedEvent extends EventView {
  /** Automatic deliveries queued for it: one per matching enabled subscription. */
  deliveriesQueued: number;
  /** Matching subscriptions that are disabled: recorded as skipped deliveries, not sent. */
  deliveriesSkipped: number;
}

/**
 * Records an event that happened elsewhere (ingestion by API, or the portal itself) and queues
 * its automatic deliveries in the same transaction: once this returns, every delivery the event
 * implies is durably queued, and none exists for an event that was not stored. Runs inside the
 * caller's transaction when one is passed.
 */
export async function createEvent({ ctx, input, tx }: { ctx: Ctx; input: CreateEventInput; tx?: Tx }): Promise<CreatedEvent> {
  authorize(ctx, "events.create");
  const data = createEventInput.parse(input);
  const detailsJson = JSON.stringify(data.details);
  const detailsBytes = Buffer.byteLength(detailsJson);
  if (detailsBytes > MAX_DETAILS_BYTES) {
    throw new AppError("payload_too_large", `The details are ${Math.ceil(detailsBytes / 1024)} KiB; at most 256 KiB are accepted.`, {
      details: ["At most 256 KiB"],
    });
  }

  // The type's contract: refused here (enforce, or an undeclared type the portal refuses) before anything is stored.
  const { schemaVersion, schemaErrors } = await checkEventDetails(data.type, data.details);

  const run = async (tx: Tx): Promise<CreatedEvent> => {
    const now = new Date();
    const event = toEventView(
      await tx.event.create({
        data: {
          ...data,
          occurredAt: data.occurredAt ?? now,
          schemaVersion,
          ...(schemaErrors && { schemaErrors: schemaErrors.map((e) => ({ ...e })) }),
        },
        select: eventSelect,
      }),
    );
    const { queued: deliveriesQueued, skipped: deliveriesSkipped } = await fanOutEvent(tx, event, now);
    await recordAudit(tx, ctx, {
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
    // Last: the catalog row of a busy type is locked from here to the commit.
    await recordEventTypeSeen(tx, event, detailsBytes);
    return { ...event, deliveriesQueued, deliveriesSkipped };
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 15_000 });
}
