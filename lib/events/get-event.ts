import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { eventSelect, toEventView, type EventView } from "./schemas";

/** One event with its details; "not found" for an unknown or malformed id. */
export async function getEvent({ ctx, id }: { ctx: Ctx; id: string }): Promise<EventView> {
  authorize(ctx, "portal.read");
  const row = await db.event.findUnique({ where: { id: assertId(id, "Event") }, select: eventSelect });
  if (!row) throw notFound("Event");
  return toEventView(row);
}
