import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { conflict, invalid } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/integrations/slug";
import { workspaceAdminRows } from "./admin-rows";
import { createWorkspaceInput, type CreateWorkspaceInput } from "./schemas";
import { asSystem, inWorkspace } from "./scope";
import type { WorkspaceAdminView } from "./views";
import { recordInstanceAudit } from "./instance-audit";

const slugTaken = (slug: string) => conflict(`A workspace with the slug "${slug}" exists.`, { slug: ["This slug is in use"] });

/**
 * Creates a workspace on a plan, with its first owner: an existing account, named by email (who
 * may trigger integrations there too). Audited in the instance's log and in the new workspace's.
 */
export async function createWorkspace({ ctx, input }: { ctx: Ctx; input: CreateWorkspaceInput }): Promise<WorkspaceAdminView> {
  authorize(ctx, "instance.manage");
  const data = createWorkspaceInput.parse(input);
  return asSystem(async () => {
    const id = await db
      .$transaction(async (tx) => {
        const plan = await tx.plan.findUnique({ where: { key: data.plan }, select: { id: true, key: true, name: true } });
        if (!plan) throw invalid(`There is no plan "${data.plan}".`, { plan: ["Choose one of the plans"] });
        const owner = await tx.user.findFirst({
          where: { email: { equals: data.ownerEmail, mode: "insensitive" }, active: true },
          select: { id: true, email: true },
        });
        if (!owner)
          throw invalid(`No active account has the email ${data.ownerEmail}.`, { ownerEmail: ["No active account has this email"] });
        if (await tx.workspace.findUnique({ where: { slug: data.slug }, select: { id: true } })) throw slugTaken(data.slug);
        const workspace = await tx.workspace.create({ data: { name: data.name, slug: data.slug, planId: plan.id } });
        await tx.membership.create({ data: { workspaceId: workspace.id, userId: owner.id, role: "owner", canTriggerIntegrations: true } });
        const entry = {
          action: "workspace.created",
          target: { type: "workspace", id: workspace.id, label: workspace.name },
          after: { name: workspace.name, slug: workspace.slug, plan: plan.key, owner: owner.email },
        };
        await recordInstanceAudit(tx, ctx, entry);
        await inWorkspace(workspace.id, () => recordAudit(tx, ctx, entry));
        return workspace.id;
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? slugTaken(data.slug) : error;
      });
    const [row] = (await workspaceAdminRows({ slug: data.slug })).filter((w) => w.id === id);
    return row;
  });
}
