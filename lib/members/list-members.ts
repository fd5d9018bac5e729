import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { decodeCursor, toPage, type PageParams } from "@/lib/pagination";
import { memberSelect, toMember } from "./rules";

/**
 * The members of the workspace acted in, newest first: each account's name, email and state with
 * their role and trigger permission here. People of other workspaces are not in it.
 */
export async function listMembers({ ctx, page }: { ctx: Ctx; page: PageParams }) {
  authorize(ctx, "users.manage");
  const workspaceId = ctx.workspace!.id;
  const after = decodeCursor(page.cursor);
  const rows = await db.membership.findMany({
    where: {
      workspaceId,
      ...(after && {
        AND: [
          { createdAt: { lte: after.at } },
          { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, userId: { lt: after.id } }] },
        ],
      }),
    },
    orderBy: [{ createdAt: "desc" }, { userId: "desc" }],
    take: page.limit + 1,
    select: memberSelect,
  });
  return toPage(rows.map(toMember), page.limit, (m) => m.joinedAt);
}
