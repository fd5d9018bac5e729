import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { BUILT_IN_PLAN_KEYS, effectivePlan } from "./plans";
import { toPlanView, type PlanView } from "./views";

/** Every plan, the built-in ones first (cheapest first), each with how many workspaces are on it. */
export async function listPlans({ ctx }: { ctx: Ctx }): Promise<{ data: PlanView[] }> {
  authorize(ctx, "instance.manage");
  const rows = await db.plan.findMany({ include: { _count: { select: { workspaces: true } } }, orderBy: { createdAt: "asc" } });
  const rank = (key: string) => {
    const i = (BUILT_IN_PLAN_KEYS as readonly string[]).indexOf(key);
    return i >= 0 ? i : BUILT_IN_PLAN_KEYS.length;
  };
  return {
    data: rows.sort((a, b) => rank(a.key) - rank(b.key)).map((row) => toPlanView(effectivePlan(row), row._count.workspaces)),
  };
}
