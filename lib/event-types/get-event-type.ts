import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { eventType } from "@/lib/events/schemas";
import type { EventTypeDetailView } from "./schemas";
import { typeKey } from "./scope";
import { toEventTypeView, toSchemaVersionView } from "./views";

/** One event type with every version of its schema, newest first; "not found" for a type never seen nor declared. */
export async function getEventType({ ctx, name }: { ctx: Ctx; name: string }): Promise<EventTypeDetailView> {
  authorize(ctx, "portal.read");
  const parsed = eventType.safeParse(name);
  if (!parsed.success) throw notFound("Event type");
  const row = await db.eventType.findUnique({
    where: typeKey(parsed.data),
    include: { schemas: { orderBy: { version: "desc" }, take: 100 } },
  });
  if (!row) throw notFound("Event type");
  return { ...toEventTypeView(row), versions: row.schemas.map(toSchemaVersionView) };
}
