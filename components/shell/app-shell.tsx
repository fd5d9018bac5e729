import { Webhook } from "lucide-react";
import type { ReactNode } from "react";
import { MobileNav } from "./mobile-nav";
import { NavigationProgress } from "./navigation-progress";
import { NavLinks } from "./nav-links";
import { UserMenu } from "./user-menu";
import { WorkspaceLink, WorkspaceProvider } from "./workspace-context";
import { WorkspaceSwitcher, type SwitchableWorkspace } from "./workspace-switcher";

interface ShellUser {
  name: string;
  email: string;
  /** An owner or admin of the current workspace. */
  isAdmin: boolean;
  /** An operator of the deployment (workspaces, plans, instance settings). */
  isInstanceAdmin: boolean;
}

export function AppShell({
  portalName,
  user,
  workspace,
  workspaces,
  banner,
  children,
}: {
  portalName: string;
  user: ShellUser;
  /** The workspace the page belongs to; null for a person who belongs to none. */
  workspace: { slug: string; name: string } | null;
  /** The person's workspaces, for the switcher. */
  workspaces: SwitchableWorkspace[];
  /** Shown under the header on every page (e.g. subscriptions the portal disabled, for admins). */
  banner?: ReactNode;
  children: ReactNode;
}) {
  const switcher = workspace && <WorkspaceSwitcher current={workspace} workspaces={workspaces} />;
  return (
    <WorkspaceProvider workspace={workspace}>
      <div className="flex min-h-screen">
        <NavigationProgress />
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-background focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <aside className="hidden w-60 shrink-0 flex-col border-r bg-card md:flex">
          <WorkspaceLink href="/integrations" className="flex h-14 items-center gap-2 border-b px-5 font-semibold">
            <Webhook className="size-5 text-primary" aria-hidden />
            {portalName}
          </WorkspaceLink>
          {switcher && <div className="border-b p-3">{switcher}</div>}
          <NavLinks isAdmin={user.isAdmin} isInstanceAdmin={user.isInstanceAdmin} />
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="flex h-14 items-center justify-between gap-2 border-b bg-card px-3 sm:px-6">
            <div className="flex min-w-0 items-center gap-1 md:hidden">
              <MobileNav portalName={portalName} isAdmin={user.isAdmin} isInstanceAdmin={user.isInstanceAdmin} switcher={switcher} />
              <WorkspaceLink href="/integrations" className="min-w-0 truncate font-semibold">
                {portalName}
                {workspace && <span className="font-normal text-muted-foreground"> · {workspace.name}</span>}
              </WorkspaceLink>
            </div>
            <div className="ml-auto">
              <UserMenu name={user.name} email={user.email} />
            </div>
          </header>
          {banner}
          <main id="main" className="mx-auto w-full min-w-0 max-w-7xl flex-1 p-4 sm:p-6">
            {children}
          </main>
        </div>
      </div>
    </WorkspaceProvider>
  );
}
