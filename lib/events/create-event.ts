import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createEventInput, eventSelect, MAX_DETAILS_BYTES, toEventView, type CreateEventInput } from "./schemas";

/** Records an event that happened elsewhere (ingestion by an admin's API token, or the portal). */
export async function createEvent({ ctx, input }: { ctx: Ctx; input: CreateEventInput }) {
  authorize(ctx, "events.create");
  const data = createEventInput.parse(input);
  const detailsBytes = Buffer.byteLength(JSON.stringify(data.details));
  if (detailsBytes > MAX_DETAILS_BYTES) {
    throw new AppError("payload_too_large", `The details are ${Math.ceil(detailsBytes / 1024)} KiB; at most 256 KiB are accepted.`, {
      details: ["At most 256 KiB"],
    });
  }

  return db.$transaction(async (tx) => {
    const event = toEventView(await tx.event.create({ data: { ...data, occurredAt: data.occurredAt ?? new Date() }, select: eventSelect }));
    await recordAudit(tx, ctx, {
      action: "event.created",
      target: { type: "event", id: event.id, label: event.title },
      after: { type: event.type, severity: event.severity, source: event.source, occurredAt: event.occurredAt, detailsBytes },
    });
    return event;
  });
}
