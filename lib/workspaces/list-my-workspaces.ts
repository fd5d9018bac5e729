import { authorize, type Ctx, type MemberRole } from "@/lib/auth/context";
import { db } from "@/lib/db";

export interface MyWorkspace {
  id: string;
  slug: string;
  name: string;
  role: MemberRole;
}

/**
 * The workspaces the signed-in person is a member of, with their role in each, by name: what the
 * portal's workspace switcher lists. Nothing about anyone else's memberships.
 */
export async function listMyWorkspaces({ ctx }: { ctx: Ctx }): Promise<MyWorkspace[]> {
  // Their own account's memberships: no workspace needed to read them.
  authorize(ctx, "account.manage");
  const rows = await db.membership.findMany({
    where: { userId: ctx.actor.id },
    select: { role: true, workspace: { select: { id: true, slug: true, name: true } } },
    take: 500,
  });
  return rows
    .map((m) => ({ ...m.workspace, role: m.role as MemberRole }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.slug.localeCompare(b.slug));
}
