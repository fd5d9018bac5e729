import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { AutoDisabledBanner } from "@/components/subscriptions/auto-disabled-banner";
import { isAllowed } from "@/lib/auth/context";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { env } from "@/lib/env";
import { listAutoDisabledSubscriptions } from "@/lib/subscriptions/list-auto-disabled";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const ctx = await requirePageCtx();
  const { actor } = ctx;
  const autoDisabled = isAllowed(ctx, "integrations.manage") ? await listAutoDisabledSubscriptions({ ctx }) : [];
  return (
    <AppShell
      portalName={env().PORTAL_NAME}
      user={{ name: actor.name, email: actor.email, isAdmin: actor.isAdmin }}
      banner={<AutoDisabledBanner integrations={autoDisabled} />}
    >
      {children}
    </AppShell>
  );
}
