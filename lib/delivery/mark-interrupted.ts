import { db } from "@/lib/db";
import { applyDeliveryPolicy } from "./on-outcome";

/** How long past its own timeout a pending attempt may be before it counts as interrupted. */
export const INTERRUPT_MARGIN_SECONDS = 30;

/**
 * Marks attempts left `pending` by a crash or kill (sent longer ago than their timeout plus a
 * margin) as `interrupted`. Only attempts that started sending are touched: queued automatic
 * deliveries wait for a worker however long. Nothing is sent again here; an automatic attempt
 * whose subscription has a retry policy counts as failed and is retried by its schedule
 * (at-least-once), one without stays interrupted (at-most-once). Run at start-up and by the
 * minute's maintenance job.
 */
export async function markInterruptedAttempts({ marginSeconds = INTERRUPT_MARGIN_SECONDS } = {}): Promise<number> {
  const rows = await db.$queryRaw<{ id: string; kind: string; subscriptionId: string | null }[]>`
    UPDATE "Attempt"
    SET "status" = 'interrupted',
        "errorClass" = 'interrupted',
        "errorMessage" = 'The portal or its worker stopped before this delivery finished. The receiver may or may not have received it.',
        "finishedAt" = now()
    WHERE "status" = 'pending'
      AND COALESCE("sentAt", "startedAt") < now() - make_interval(secs => "timeoutSeconds" + ${marginSeconds})
    RETURNING "id", "kind", "subscriptionId"`;
  for (const row of rows) await applyDeliveryPolicy(row);
  return rows.length;
}
