import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { decodeCursor, olderThan, toPage, type PageParams } from "@/lib/pagination";
import { tokenView } from "./schemas";

/** The acting user's own tokens that are not revoked, newest first. */
export async function listTokens({ ctx, page }: { ctx: Ctx; page: PageParams }) {
  authorize(ctx, "tokens.manage");
  const rows = await db.apiToken.findMany({
    where: { userId: ctx.actor.id, revokedAt: null, ...olderThan("createdAt", decodeCursor(page.cursor)) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
    select: tokenView,
  });
  return toPage(rows, page.limit, (t) => t.createdAt);
}
