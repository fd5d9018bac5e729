import { sql } from "@/lib/db";

/**
 * Shows automatic attempts that a worker is sending as `pending`, sent when it claimed them. A
 * worker's claim is kept beside the history row (DeliveryClaim) rather than written into it, so
 * the row still says queued or scheduled until its outcome is recorded. One query by primary key
 * for the attempts of a page that are waiting; none when there are none.
 */
export async function withInFlight<T extends { id: string; status: string; sentAt: Date | null }>(rows: T[]): Promise<T[]> {
  const waiting = rows.filter((r) => r.status === "queued" || r.status === "scheduled").map((r) => r.id);
  if (waiting.length === 0) return rows;
  const claims = await sql<{ attemptId: string; claimedAt: Date }>`
    SELECT "attemptId", "claimedAt" FROM "DeliveryClaim" WHERE "attemptId" = ANY(${waiting}::uuid[])`;
  if (claims.length === 0) return rows;
  const claimedAt = new Map(claims.map((c) => [c.attemptId, c.claimedAt]));
  return rows.map((r) => (claimedAt.has(r.id) ? { ...r, status: "pending", sentAt: r.sentAt ?? claimedAt.get(r.id)! } : r));
}
