import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { withInFlight } from "./in-flight";
import { summaryOmit, toAttemptSummary, toAttemptView, withBody } from "./views";

/** One attempt with everything recorded, and every attempt of its message (the timeline). */
export async function getExecution({ ctx, id }: { ctx: Ctx; id: string }) {
  authorize(ctx, "portal.read");
  const found = await db.attempt.findUnique({ where: { id: assertId(id, "Execution") }, include: withBody });
  if (!found) throw notFound("Execution");
  const [attempt] = await withInFlight([found]);
  const [timeline, subscription, event] = await Promise.all([
    db.attempt.findMany({ where: { messageId: attempt.messageId }, orderBy: [{ startedAt: "asc" }, { id: "asc" }], omit: summaryOmit }),
    attempt.subscriptionId
      ? db.subscription.findUnique({ where: { id: attempt.subscriptionId }, select: { retrySchedule: true, schemaPins: true } })
      : null,
    attempt.eventId ? db.event.findUnique({ where: { id: attempt.eventId }, select: { type: true, schemaVersion: true } }) : null,
  ]);
  const pinned = event && subscription ? (subscription.schemaPins as Record<string, number> | null)?.[event.type] : undefined;
  return {
    ...toAttemptView(attempt),
    /** How many automatic retries its subscription's policy allows (m in "retry n of m"); null for manual sends. */
    retriesAllowed: subscription ? subscription.retrySchedule.length : null,
    /** The event's schema version beside the version its subscription pinned for the type; null when none is pinned. */
    schemaPin:
      event && pinned !== undefined
        ? { eventType: event.type, pinnedVersion: pinned, eventVersion: event.schemaVersion, newer: (event.schemaVersion ?? 0) > pinned }
        : null,
    timeline: (await withInFlight(timeline)).map(toAttemptSummary),
  };
}
export type ExecutionDetail = Awaited<ReturnType<typeof getExecution>>;
