import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { invalid } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { planNotFound } from "./errors";
import { DEFAULT_PLAN_KEY, effectivePlan } from "./plans";
import { asSystem } from "./scope";
import { updatePlanInput, type UpdatePlanInput } from "./schemas";
import { auditedPlan, toPlanView, type PlanView } from "./views";
import { recordInstanceAudit } from "./instance-audit";

const FROM_ENVIRONMENT =
  "The Default plan's integration limits are PORTAL_MAX_INTEGRATIONS and PORTAL_MAX_INTEGRATIONS_<TYPE>: set them there";

/**
 * Changes a plan's name, limits or flags (its key stays). Nothing is disabled in the workspaces on
 * it: what is then over the plan is listed on their Plan page, and new creations are refused.
 */
export async function updatePlan({ ctx, id, input }: { ctx: Ctx; id: string; input: UpdatePlanInput }): Promise<PlanView> {
  authorize(ctx, "instance.manage");
  assertId(id, "Plan");
  const changes = updatePlanInput.parse(input);
  return asSystem(
    // Awaited inside: a Prisma query runs (and is scoped) when awaited.
    async () =>
      await db.$transaction(async (tx) => {
        const before = await tx.plan.findUnique({ where: { id }, include: { _count: { select: { workspaces: true } } } });
        if (!before) throw planNotFound();
        if (before.key === DEFAULT_PLAN_KEY) {
          const fields = (["maxIntegrations", "maxPerConnectorType"] as const).filter((k) => changes[k] !== undefined);
          if (fields.length > 0) throw invalid(`${FROM_ENVIRONMENT}.`, Object.fromEntries(fields.map((f) => [f, [FROM_ENVIRONMENT]])));
        }
        const was = auditedPlan(before);
        const changed = (Object.keys(changes) as (keyof typeof changes)[]).filter(
          (k) => changes[k] !== undefined && JSON.stringify(changes[k]) !== JSON.stringify(was[k]),
        );
        if (changed.length === 0) return toPlanView(effectivePlan(before), before._count.workspaces);
        const after = await tx.plan.update({ where: { id }, data: changes });
        const now = auditedPlan(after);
        await recordInstanceAudit(tx, ctx, {
          action: "plan.updated",
          target: { type: "plan", id, label: after.name },
          before: Object.fromEntries(changed.map((k) => [k, was[k]])),
          after: Object.fromEntries(changed.map((k) => [k, now[k]])),
        });
        return toPlanView(effectivePlan(after), before._count.workspaces);
      }),
  );
}
