import { authorize, type Ctx, type MemberRole } from "@/lib/auth/context";
import { db } from "@/lib/db";
import type { MyWorkspaceView } from "./views";

/**
 * The caller's own workspaces, with their role in each (with an API token: the token's workspace).
 * Instance admins see here only the workspaces they are members of.
 */
export async function listOwnWorkspaces({ ctx }: { ctx: Ctx }): Promise<{ data: MyWorkspaceView[] }> {
  authorize(ctx, "portal.read");
  const memberships = await db.membership.findMany({
    // A token belongs to one workspace: it lists that one.
    where: { userId: ctx.actor.id, ...(ctx.via === "token" && { workspaceId: ctx.workspace!.id }) },
    include: { workspace: { select: { slug: true, name: true } } },
    orderBy: [{ createdAt: "asc" }],
  });
  return { data: memberships.map((m) => ({ slug: m.workspace.slug, name: m.workspace.name, role: m.role as MemberRole })) };
}
