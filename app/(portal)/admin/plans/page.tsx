import type { Metadata } from "next";
import Link from "next/link";
import { PlanDialog } from "@/components/plans/plan-dialog";
import { PlansTable } from "@/components/plans/plans-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { listPlans } from "@/lib/workspaces/list-plans";

export const metadata: Metadata = { title: "Plans" };

export default async function PlansPage() {
  const ctx = await requirePageCtx("instance.manage");
  const { data } = await listPlans({ ctx });
  return (
    <>
      <PageHeader
        title="Plans"
        description="What a workspace on each plan may do. Built-in plans can be changed, not deleted; a plan in use cannot be deleted."
        actions={
          <>
            <Link href="/admin/workspaces" className="text-sm underline underline-offset-4">
              Workspaces
            </Link>
            <PlanDialog />
          </>
        }
      />
      <PlansTable plans={data} />
    </>
  );
}
