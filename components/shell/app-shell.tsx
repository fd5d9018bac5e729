import { Webhook } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { MobileNav } from "./mobile-nav";
import { NavigationProgress } from "./navigation-progress";
import { NavLinks } from "./nav-links";
import { UserMenu } from "./user-menu";

interface ShellUser {
  name: string;
  email: string;
  isAdmin: boolean;
}

export function AppShell({
  portalName,
  user,
  banner,
  children,
}: {
  portalName: string;
  user: ShellUser;
  /** Shown under the header on every page (e.g. subscriptions the portal disabled, for admins). */
  banner?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-screen">
      <NavigationProgress />
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-background focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="hidden w-60 shrink-0 flex-col border-r bg-card md:flex">
        <Link href="/integrations" className="flex h-14 items-center gap-2 border-b px-5 font-semibold">
          <Webhook className="size-5 text-primary" aria-hidden />
          {portalName}
        </Link>
        <NavLinks isAdmin={user.isAdmin} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-between gap-2 border-b bg-card px-3 sm:px-6">
          <div className="flex min-w-0 items-center gap-1 md:hidden">
            <MobileNav portalName={portalName} isAdmin={user.isAdmin} />
            <Link href="/integrations" className="truncate font-semibold">
              {portalName}
            </Link>
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
  );
}
