import { authorize, type Ctx, type MemberRole } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { workspaceAdminRows } from "./admin-rows";
import { workspaceNotFound } from "./errors";
import { workspaceSlug } from "./schemas";
import { asSystem } from "./scope";
import type { WorkspaceView } from "./views";

/**
 * A workspace by slug, to one of its members or an instance admin: its name, plan and counts.
 * Anyone else gets 404 workspace_not_found, as for a slug that does not exist (so does an API
 * token asked for another workspace than its own).
 */
export async function getWorkspace({ ctx, slug }: { ctx: Ctx; slug: string }): Promise<WorkspaceView> {
  authorize(ctx, "portal.read");
  const parsed = workspaceSlug.safeParse(slug);
  if (!parsed.success) throw workspaceNotFound();
  const [row] = await asSystem(() => workspaceAdminRows({ slug: parsed.data }));
  if (!row) throw workspaceNotFound();
  const membership = await db.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: row.id, userId: ctx.actor.id } },
    select: { role: true },
  });
  // A token acts in its own workspace only (but for an instance admin's, as for their session).
  const tokenElsewhere = ctx.via === "token" && ctx.workspace?.id !== row.id;
  if (!ctx.actor.isInstanceAdmin && (!membership || tokenElsewhere)) throw workspaceNotFound();
  return { ...row, role: (membership?.role as MemberRole | undefined) ?? null };
}
