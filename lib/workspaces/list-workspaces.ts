import { z } from "zod";
import { authorize, type Ctx } from "@/lib/auth/context";
import { workspaceAdminRows } from "./admin-rows";
import { asSystem } from "./scope";
import { workspaceAdminView } from "./views";

export const workspaceListView = z.object({
  data: z.array(workspaceAdminView),
  totals: z.object({ workspaces: z.number().int(), members: z.number().int(), integrations: z.number().int() }),
});
export type WorkspaceList = z.output<typeof workspaceListView>;

/**
 * Every workspace of the deployment, for instance admins: name, slug, plan and counts (members,
 * integrations), with instance-wide totals; nothing of any workspace's data.
 */
export async function listWorkspaces({ ctx }: { ctx: Ctx }): Promise<WorkspaceList> {
  authorize(ctx, "instance.manage");
  const data = await asSystem(() => workspaceAdminRows());
  return {
    data,
    totals: {
      workspaces: data.length,
      members: data.reduce((n, w) => n + w.members, 0),
      integrations: data.reduce((n, w) => n + w.integrations, 0),
    },
  };
}
