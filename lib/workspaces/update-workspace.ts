import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { invalid } from "@/lib/errors";
import { workspaceAdminRows } from "./admin-rows";
import { workspaceNotFound } from "./errors";
import { planUsageOf } from "./get-plan-usage";
import { updateWorkspaceInput, workspaceSlug, type UpdateWorkspaceInput } from "./schemas";
import { asSystem, inWorkspace } from "./scope";
import type { WorkspaceAdminView } from "./views";
import { recordInstanceAudit } from "./instance-audit";

export type UpdatedWorkspace = WorkspaceAdminView & {
  /** What the workspace has beyond its (new) plan: nothing was disabled; new creations are refused. */
  overPlan: string[];
};

/**
 * Renames a workspace or moves it to another plan. A plan change disables nothing: what is then
 * over the plan is answered (and shown on the workspace's Plan page). Audited in the instance's
 * log and in the workspace's.
 */
export async function updateWorkspace({
  ctx,
  slug,
  input,
}: {
  ctx: Ctx;
  slug: string;
  input: UpdateWorkspaceInput;
}): Promise<UpdatedWorkspace> {
  authorize(ctx, "instance.manage");
  const parsed = workspaceSlug.safeParse(slug);
  if (!parsed.success) throw workspaceNotFound();
  const changes = updateWorkspaceInput.parse(input);
  return asSystem(async () => {
    const id = await db.$transaction(async (tx) => {
      const before = await tx.workspace.findUnique({ where: { slug: parsed.data }, include: { plan: { select: { key: true } } } });
      if (!before) throw workspaceNotFound();
      const plan =
        changes.plan === undefined ? null : await tx.plan.findUnique({ where: { key: changes.plan }, select: { id: true, key: true } });
      if (changes.plan !== undefined && !plan) throw invalid(`There is no plan "${changes.plan}".`, { plan: ["Choose one of the plans"] });
      const was = { name: before.name, plan: before.plan.key };
      const now = { name: changes.name ?? before.name, plan: plan?.key ?? before.plan.key };
      const changed = (["name", "plan"] as const).filter((k) => was[k] !== now[k]);
      if (changed.length === 0) return before.id;
      await tx.workspace.update({ where: { id: before.id }, data: { name: now.name, ...(plan && { planId: plan.id }) } });
      const entry = {
        action: "workspace.updated",
        target: { type: "workspace", id: before.id, label: now.name },
        before: Object.fromEntries(changed.map((k) => [k, was[k]])),
        after: Object.fromEntries(changed.map((k) => [k, now[k]])),
      };
      await recordInstanceAudit(tx, ctx, entry);
      await inWorkspace(before.id, () => recordAudit(tx, ctx, entry));
      return before.id;
    });
    const [row] = (await workspaceAdminRows({ slug: parsed.data })).filter((w) => w.id === id);
    return { ...row, overPlan: (await planUsageOf(id)).over };
  });
}
