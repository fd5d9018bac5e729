import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/integrations/slug";
import { asSystem } from "./scope";
import { effectivePlan } from "./plans";
import { createPlanInput, type CreatePlanInput } from "./schemas";
import { auditedPlan, toPlanView, type PlanView } from "./views";
import { recordInstanceAudit } from "./instance-audit";

const keyTaken = (key: string) => conflict(`A plan with the key "${key}" exists.`, { key: ["This key is in use"] });

/** Defines a plan; its audit row is the instance's (no workspace). */
export async function createPlan({ ctx, input }: { ctx: Ctx; input: CreatePlanInput }): Promise<PlanView> {
  authorize(ctx, "instance.manage");
  const data = createPlanInput.parse(input);
  return asSystem(
    // Awaited inside: a Prisma query runs (and is scoped) when awaited.
    async () =>
      await db
        .$transaction(async (tx) => {
          if (await tx.plan.findUnique({ where: { key: data.key }, select: { id: true } })) throw keyTaken(data.key);
          const row = await tx.plan.create({ data: { ...data, builtIn: false } });
          await recordInstanceAudit(tx, ctx, {
            action: "plan.created",
            target: { type: "plan", id: row.id, label: row.name },
            after: auditedPlan(row),
          });
          return toPlanView(effectivePlan(row), 0);
        })
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? keyTaken(data.key) : error;
        }),
  );
}
