import type { Metadata } from "next";
import { PlanUsageView } from "@/components/plans/plan-usage";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { getPlanUsage } from "@/lib/workspaces/get-plan-usage";

export const metadata: Metadata = { title: "Plan" };

export default async function PlanPage() {
  const ctx = await requirePageCtx("portal.read");
  const usage = await getPlanUsage({ ctx });
  return (
    <>
      <PageHeader
        title="Plan"
        description={`What ${ctx.workspace?.name ?? "this workspace"} may do on its plan, and what it uses. Instance admins choose the plan.`}
      />
      <PlanUsageView usage={usage} />
    </>
  );
}
