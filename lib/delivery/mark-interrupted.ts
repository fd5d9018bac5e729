import { db } from "@/lib/db";
import { applyDeliveryPolicy } from "./on-outcome";

/** How long past its own timeout a pending attempt may be before it counts as interrupted. */
export const INTERRUPT_MARGIN_SECONDS = 30;

const INTERRUPTED = "The portal or its worker stopped before this delivery finished. The receiver may or may not have received it.";

/**
 * Marks attempts left unfinished by a crash or kill as `interrupted`: manual sends left
 * `pending`, and automatic attempts whose worker's claim (DeliveryClaim) is older than their
 * timeout plus a margin — the worker would have recorded an outcome by then. Only attempts that
 * started sending are touched: queued automatic deliveries wait for a worker however long.
 * Nothing is sent again here; an automatic attempt whose subscription has a retry policy counts
 * as failed and is retried by its schedule (at-least-once), one without stays interrupted
 * (at-most-once). Run at start-up and by the minute's maintenance job.
 */
export async function markInterruptedAttempts({ marginSeconds = INTERRUPT_MARGIN_SECONDS } = {}): Promise<number> {
  const manual = await db.$queryRaw<{ id: string; kind: string; subscriptionId: string | null }[]>`
    UPDATE "Attempt"
    SET "status" = 'interrupted', "errorClass" = 'interrupted', "errorMessage" = ${INTERRUPTED}, "finishedAt" = now()
    WHERE "status" = 'pending' AND "finishedAt" IS NULL
      AND COALESCE("sentAt", "startedAt") < now() - make_interval(secs => "timeoutSeconds" + ${marginSeconds})
    RETURNING "id", "kind", "subscriptionId"`;
  const automatic = await db.$queryRaw<{ id: string; kind: string; subscriptionId: string | null }[]>`
    WITH stale AS (
      DELETE FROM "DeliveryClaim"
      WHERE "claimedAt" < now() - make_interval(secs => "timeoutSeconds" + ${marginSeconds})
      RETURNING "attemptId", "claimedAt"
    )
    UPDATE "Attempt" a
    SET "status" = 'interrupted', "errorClass" = 'interrupted', "errorMessage" = ${INTERRUPTED}, "finishedAt" = now(),
      "sentAt" = COALESCE(a."sentAt", stale."claimedAt")
    FROM stale
    WHERE a."id" = stale."attemptId" AND a."status" IN ('queued', 'scheduled')
    RETURNING a."id", a."kind", a."subscriptionId"`;
  const rows = [...manual, ...automatic];
  for (const row of rows) await applyDeliveryPolicy(row);
  return rows.length;
}
