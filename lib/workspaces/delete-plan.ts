import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { assertId } from "@/lib/ids";
import { planNotFound } from "./errors";
import { asSystem } from "./scope";
import { auditedPlan } from "./views";
import { recordInstanceAudit } from "./instance-audit";

/** Deletes a plan an instance admin defined, when no workspace is on it. Built-in plans stay. */
export async function deletePlan({ ctx, id }: { ctx: Ctx; id: string }): Promise<void> {
  authorize(ctx, "instance.manage");
  assertId(id, "Plan");
  await asSystem(
    // Awaited inside: a Prisma query runs (and is scoped) when awaited.
    async () =>
      await db.$transaction(async (tx) => {
        // Locked, so that a workspace cannot be moved onto it while it goes.
        await tx.$executeRaw`SELECT 1 FROM "Plan" WHERE "id" = ${id}::uuid FOR UPDATE`;
        const plan = await tx.plan.findUnique({ where: { id }, include: { _count: { select: { workspaces: true } } } });
        if (!plan) throw planNotFound();
        if (plan.builtIn) throw conflict(`The ${plan.name} plan is built in: it can be changed, not deleted.`);
        const n = plan._count.workspaces;
        if (n > 0)
          throw conflict(
            `${n} workspace${n === 1 ? " is" : "s are"} on the ${plan.name} plan: move ${n === 1 ? "it" : "them"} to another plan first.`,
          );
        await tx.plan.delete({ where: { id } });
        await recordInstanceAudit(tx, ctx, {
          action: "plan.deleted",
          target: { type: "plan", id, label: plan.name },
          before: auditedPlan(plan),
        });
      }),
  );
}
