import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { AutoDisabledBanner } from "@/components/subscriptions/auto-disabled-banner";
import { isAllowed } from "@/lib/auth/context";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { env } from "@/lib/env";
import { listAutoDisabledSubscriptions } from "@/lib/subscriptions/list-auto-disabled";
import { listMyWorkspaces } from "@/lib/workspaces/list-my-workspaces";
import { workspaceHome } from "@/lib/workspaces/request-names";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const ctx = await requirePageCtx();
  const { actor, workspace } = ctx;
  const [autoDisabled, mine] = await Promise.all([
    isAllowed(ctx, "integrations.manage") ? listAutoDisabledSubscriptions({ ctx }) : [],
    listMyWorkspaces({ ctx }),
  ]);
  return (
    <AppShell
      portalName={env().PORTAL_NAME}
      user={{ name: actor.name, email: actor.email, isAdmin: actor.isAdmin, isInstanceAdmin: actor.isInstanceAdmin }}
      workspace={workspace ? { slug: workspace.slug, name: workspace.name } : null}
      workspaces={mine.map((w) => ({ slug: w.slug, name: w.name, href: workspaceHome(w.slug, w.role) }))}
      banner={<AutoDisabledBanner integrations={autoDisabled} />}
    >
      {children}
    </AppShell>
  );
}
