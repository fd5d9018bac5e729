import { db } from "@/lib/db";

/** How long past its own timeout a pending attempt may be before it counts as interrupted. */
export const INTERRUPT_MARGIN_SECONDS = 30;

/**
 * Marks attempts left `pending` by a crash or kill (older than their timeout plus a margin) as
 * `interrupted`. Run at start-up and periodically by every instance; never re-sends anything.
 */
export async function markInterruptedAttempts({ marginSeconds = INTERRUPT_MARGIN_SECONDS } = {}): Promise<number> {
  return db.$executeRaw`
    UPDATE "Attempt"
    SET "status" = 'interrupted',
        "errorClass" = 'interrupted',
        "errorMessage" = 'The portal stopped before this delivery finished. The receiver may or may not have received it; nothing was sent again.',
        "finishedAt" = now()
    WHERE "status" = 'pending'
      AND "startedAt" < now() - make_interval(secs => "timeoutSeconds" + ${marginSeconds})`;
}
