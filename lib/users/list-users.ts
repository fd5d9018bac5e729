import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { decodeCursor, olderThan, toPage, type PageParams } from "@/lib/pagination";
import { userView } from "./schemas";

export async function listUsers({ ctx, page }: { ctx: Ctx; page: PageParams }) {
  authorize(ctx, "users.manage");
  const rows = await db.user.findMany({
    where: olderThan("createdAt", decodeCursor(page.cursor)),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
    select: userView,
  });
  return toPage(rows, page.limit, (u) => u.createdAt);
}
