import { authorize, type Ctx } from "@/lib/auth/context";
import { db } from "@/lib/db";
import { assertId } from "@/lib/ids";
import { planNotFound } from "./errors";
import { effectivePlan } from "./plans";
import { toPlanView, type PlanView } from "./views";

/** One plan, with how many workspaces are on it. */
export async function getPlan({ ctx, id }: { ctx: Ctx; id: string }): Promise<PlanView> {
  authorize(ctx, "instance.manage");
  const row = await db.plan.findUnique({ where: { id: assertId(id, "Plan") }, include: { _count: { select: { workspaces: true } } } });
  if (!row) throw planNotFound();
  return toPlanView(effectivePlan(row), row._count.workspaces);
}
