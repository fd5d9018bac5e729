import type { SqlTx } from "@/lib/db";
import type { EventView } from "@/lib/events/schemas";

/** Details larger than this are not kept as the type's example (the catalog stays small). */
const MAX_EXAMPLE_BYTES = 8 * 1024;

/** Counts an ingested event in its workspace's type catalog, in the ingestion's transaction. */
export async function recordEventTypeSeen(q: SqlTx, workspaceId: string, event: EventView, detailsBytes: number) {
  const example = detailsBytes <= MAX_EXAMPLE_BYTES ? JSON.stringify(event.details) : null;
  await q`
    INSERT INTO "EventType" AS t ("workspaceId", "name", "seenCount", "lastSeenAt", "example", "updatedAt")
    VALUES (${workspaceId}::uuid, ${event.type}::text, 1, ${event.occurredAt}::timestamp, ${example}::jsonb, now())
    ON CONFLICT ("workspaceId", "name") DO UPDATE SET
      "seenCount" = t."seenCount" + 1,
      "lastSeenAt" = GREATEST(t."lastSeenAt", EXCLUDED."lastSeenAt"),
      "example" = COALESCE(EXCLUDED."example", t."example"),
      "updatedAt" = now()`;
}
