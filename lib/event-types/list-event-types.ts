import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import type { EventTypeView } from "./schemas";

/** The catalog: every type seen at ingestion or declared by an admin, by name (at most 1,000). */
export async function listEventTypes({ ctx }: { ctx: Ctx }): Promise<{ data: EventTypeView[] }> {
  authorize(ctx, "portal.read");
  const rows = await db.eventType.findMany({ orderBy: { name: "asc" }, take: 1000 });
  return {
    data: rows.map((r) => ({
      name: r.name,
      description: r.description,
      declared: r.declared,
      seenCount: r.seenCount,
      lastSeenAt: r.lastSeenAt,
      example: (r.example as EventTypeView["example"]) ?? null,
    })),
  };
}
