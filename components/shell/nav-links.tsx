"use client";
import {
  Activity,
  BookOpen,
  Building2,
  CalendarClock,
  FileText,
  Gauge,
  History,
  Layers,
  Plug,
  ReceiptText,
  Settings,
  Users,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { withoutWorkspace } from "@/lib/workspaces/request-names";
import { useCurrentWorkspace, useWorkspaceHref } from "./workspace-context";

/** Who sees which link: everyone in a workspace, its owners and admins, or the deployment's instance admins. */
type Audience = "member" | "workspaceAdmin" | "instanceAdmin";

/** Pages of the current workspace (under /w/{slug}/). */
const WORKSPACE_LINKS = [
  { href: "/overview", label: "Overview", icon: Gauge, audience: "workspaceAdmin" },
  { href: "/integrations", label: "Integrations", icon: Plug, audience: "member" },
  { href: "/events", label: "Events", icon: CalendarClock, audience: "member" },
  { href: "/event-types", label: "Event types", icon: BookOpen, audience: "member" },
  { href: "/executions", label: "Executions", icon: Activity, audience: "member" },
  { href: "/audit-log", label: "Audit log", icon: History, audience: "workspaceAdmin" },
  { href: "/admin/users", label: "Members", icon: Users, audience: "workspaceAdmin" },
  { href: "/plan", label: "Plan", icon: ReceiptText, audience: "member" },
  { href: "/api-docs", label: "API reference", icon: FileText, audience: "member" },
] as const;

/** Pages of the deployment, not of a workspace. */
const INSTANCE_LINKS = [
  { href: "/admin/workspaces", label: "Workspaces", icon: Building2, audience: "instanceAdmin" },
  { href: "/admin/plans", label: "Plans", icon: Layers, audience: "instanceAdmin" },
  { href: "/admin/settings", label: "Settings", icon: Settings, audience: "instanceAdmin" },
] as const;

export function NavLinks({
  isAdmin,
  isInstanceAdmin,
  onNavigate,
}: {
  /** An owner or admin of the current workspace. */
  isAdmin: boolean;
  isInstanceAdmin: boolean;
  onNavigate?: () => void;
}) {
  // The page shown, whether or not its URL names the workspace.
  const here = withoutWorkspace(usePathname());
  const workspace = useCurrentWorkspace();
  const toHref = useWorkspaceHref();
  const sees = (audience: Audience) =>
    audience === "member" || (audience === "workspaceAdmin" && isAdmin) || (audience === "instanceAdmin" && isInstanceAdmin);
  const link = ({ href, label, icon: Icon }: (typeof WORKSPACE_LINKS | typeof INSTANCE_LINKS)[number], to: string) => {
    const active = here === href || here.startsWith(`${href}/`);
    return (
      <Link
        key={href}
        href={to}
        aria-current={active ? "page" : undefined}
        onClick={onNavigate}
        className={cn(
          "flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground hover:bg-muted hover:text-foreground",
          active && "bg-muted text-foreground",
        )}
      >
        <Icon className="size-4" aria-hidden />
        {label}
      </Link>
    );
  };
  const instance = INSTANCE_LINKS.filter((l) => sees(l.audience));
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5 p-3">
      {workspace && WORKSPACE_LINKS.filter((l) => sees(l.audience)).map((l) => link(l, toHref(l.href)))}
      {instance.length > 0 && (
        <>
          <p className="mt-4 px-3 pb-1 text-xs font-medium uppercase tracking-wide text-muted-foreground first:mt-0">Instance</p>
          {instance.map((l) => link(l, l.href))}
        </>
      )}
    </nav>
  );
}
