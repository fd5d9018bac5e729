import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requirePageCtx } from "@/lib/auth/page-ctx";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const { actor } = await requirePageCtx();
  return (
    <AppShell portalName={env().PORTAL_NAME} user={{ name: actor.name, email: actor.email, isAdmin: actor.isAdmin }}>
      {children}
    </AppShell>
  );
}
