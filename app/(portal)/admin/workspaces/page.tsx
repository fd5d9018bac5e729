import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { CreateWorkspaceDialog } from "@/components/workspaces/create-workspace-dialog";
import { WorkspacesTable } from "@/components/workspaces/workspaces-table";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { listOwnWorkspaces } from "@/lib/workspaces/list-own-workspaces";
import { listPlans } from "@/lib/workspaces/list-plans";
import { listWorkspaces } from "@/lib/workspaces/list-workspaces";

export const metadata: Metadata = { title: "Workspaces" };

export default async function WorkspacesPage() {
  const ctx = await requirePageCtx("instance.manage");
  const [{ data, totals }, plans] = await Promise.all([listWorkspaces({ ctx }), listPlans({ ctx })]);
  // The admin's own memberships (only with a workspace to act in: listing them needs one).
  const mine = ctx.workspace ? (await listOwnWorkspaces({ ctx })).data.map((w) => w.slug) : [];
  const planOptions = plans.data.map((p) => ({ key: p.key, name: p.name }));
  return (
    <>
      <PageHeader
        title="Workspaces"
        description={
          <>
            {totals.workspaces} workspace{totals.workspaces === 1 ? "" : "s"}, {totals.members} membership
            {totals.members === 1 ? "" : "s"}, {totals.integrations} integration{totals.integrations === 1 ? "" : "s"}. Instance admins see
            these counts only; a workspace&apos;s data is for its members (support access makes you one, audited in its log).
          </>
        }
        actions={
          <>
            <Link href="/admin/plans" className="text-sm underline underline-offset-4">
              Plans
            </Link>
            <CreateWorkspaceDialog plans={planOptions} />
          </>
        }
      />
      <WorkspacesTable workspaces={data} plans={planOptions} memberOf={mine} />
    </>
  );
}
