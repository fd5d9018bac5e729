import { Building2 } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { workspacePath } from "@/lib/workspaces/request-names";

export const metadata: Metadata = { title: "No workspace yet" };

/** Where a signed-in person who belongs to no workspace lands: every page of the portal is a workspace's. */
export default async function NoWorkspacePage() {
  const ctx = await requirePageCtx();
  if (ctx.workspace) redirect(workspacePath(ctx.workspace.slug, "/integrations"));
  return (
    <EmptyState icon={Building2} title="You do not belong to a workspace yet">
      <p>Integrations, events and their history belong to a workspace. Ask an owner or admin of yours to invite you.</p>
      {ctx.actor.isInstanceAdmin && (
        <p className="mt-3">
          <Link href="/admin/workspaces" className="font-medium text-primary underline-offset-4 hover:underline">
            Create a workspace or add yourself to one
          </Link>
        </p>
      )}
    </EmptyState>
  );
}
