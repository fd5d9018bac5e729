import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { retryProgressInput, type RetryProgressInput } from "./schemas";

export interface RetryProgress {
  total: number;
  /** Queued, scheduled or being sent. */
  waiting: number;
  succeeded: number;
  /** Failed, interrupted or skipped. */
  failed: number;
}

/** Where the attempts of a bulk retry stand: one grouped count over their ids (primary key). */
export async function getRetryProgress({ ctx, input }: { ctx: Ctx; input: RetryProgressInput }): Promise<RetryProgress> {
  authorize(ctx, "portal.read");
  const { ids } = retryProgressInput.parse(input);
  const rows = await db.attempt.groupBy({ by: ["status"], where: { id: { in: ids } }, _count: { _all: true } });
  const count = (statuses: string[]) => rows.filter((r) => statuses.includes(r.status)).reduce((n, r) => n + r._count._all, 0);
  const succeeded = count(["succeeded"]);
  const failed = count(["failed", "interrupted", "skipped"]);
  const found = rows.reduce((n, r) => n + r._count._all, 0);
  // An id that is gone (purged, its integration deleted) counts as failed: it will not finish.
  return { total: ids.length, waiting: found - succeeded - failed, succeeded, failed: failed + (ids.length - found) };
}
