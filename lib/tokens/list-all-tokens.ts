import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { decodeCursor, olderThan, toPage, type PageParams } from "@/lib/pagination";
import { tokenWithOwnerView } from "./schemas";

/** Every user's tokens that are not revoked (expired ones included), newest first. Admins only. */
export async function listAllTokens({ ctx, page }: { ctx: Ctx; page: PageParams }) {
  authorize(ctx, "users.manage");
  const rows = await db.apiToken.findMany({
    where: { revokedAt: null, ...olderThan("createdAt", decodeCursor(page.cursor)) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
    select: tokenWithOwnerView,
  });
  return toPage(rows, page.limit, (t) => t.createdAt);
}
