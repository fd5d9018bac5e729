import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import type { EventTypeView } from "./schemas";
import { inScope } from "./scope";
import { toEventTypeView } from "./views";

/** The catalog: every type seen at ingestion or declared by an admin, by name (at most 1,000). */
export async function listEventTypes({ ctx }: { ctx: Ctx }): Promise<{ data: EventTypeView[] }> {
  authorize(ctx, "portal.read");
  const rows = await db.eventType.findMany({ where: inScope({}), orderBy: { name: "asc" }, take: 1000 });
  return { data: rows.map(toEventTypeView) };
}
