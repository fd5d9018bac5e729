import { db } from "@/lib/db";

/** How long past its own timeout a pending attempt may be before it counts as interrupted. */
export const INTERRUPT_MARGIN_SECONDS = 30;

/**
 * Marks attempts left `pending` by a crash or kill (sent longer ago than their timeout plus a
 * margin) as `interrupted`. Only attempts that started sending are touched: queued automatic
 * deliveries wait for a worker however long. Run at start-up and by the minute's maintenance
 * job; never re-sends anything.
 */
export async function markInterruptedAttempts({ marginSeconds = INTERRUPT_MARGIN_SECONDS } = {}): Promise<number> {
  return db.$executeRaw`
    UPDATE "Attempt"
    SET "status" = 'interrupted',
        "errorClass" = 'interrupted',
        "errorMessage" = 'The portal or its worker stopped before this delivery finished. The receiver may or may not have received it; nothing was sent again.',
        "finishedAt" = now()
    WHERE "status" = 'pending'
      AND COALESCE("sentAt", "startedAt") < now() - make_interval(secs => "timeoutSeconds" + ${marginSeconds})`;
}
