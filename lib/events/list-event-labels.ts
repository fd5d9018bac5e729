import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";

export interface EventLabel {
  type: string;
  title: string;
}

/** The type and title of each event id given (a page of a list's ids, looked up by primary key), by id. */
export async function listEventLabels({ ctx, ids }: { ctx: Ctx; ids: readonly (string | null)[] }): Promise<Record<string, EventLabel>> {
  authorize(ctx, "portal.read");
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return {};
  const rows = await db.event.findMany({ where: { id: { in: unique } }, select: { id: true, type: true, title: true } });
  return Object.fromEntries(rows.map(({ id, ...label }) => [id, label]));
}
