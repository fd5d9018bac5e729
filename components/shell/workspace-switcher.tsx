"use client";
import { Building2, Check, ChevronsUpDown } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

/** A workspace the person can switch to, and where switching opens (its home page for their role). */
export interface SwitchableWorkspace {
  slug: string;
  name: string;
  href: string;
}

/**
 * The current workspace's name; with more than one, a menu of the person's workspaces. Switching
 * loads the other workspace's page in full (a plain link, not the client router): the shell, its
 * links and every cached page belong to the workspace they were rendered for.
 */
export function WorkspaceSwitcher({ current, workspaces }: { current: { slug: string; name: string }; workspaces: SwitchableWorkspace[] }) {
  if (workspaces.length <= 1)
    return (
      <div className="flex min-w-0 items-center gap-2 px-3 py-2 text-sm font-medium" data-testid="workspace-name">
        <Building2 className="size-4 shrink-0 text-muted-foreground" aria-hidden />
        <span className="sr-only">Workspace: </span>
        <span className="truncate">{current.name}</span>
      </div>
    );
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" className="w-full justify-between gap-2 px-3" data-testid="workspace-switcher">
          <span className="flex min-w-0 items-center gap-2">
            <Building2 className="size-4 shrink-0 text-muted-foreground" aria-hidden />
            <span className="sr-only">Workspace: </span>
            <span className="truncate">{current.name}</span>
          </span>
          <ChevronsUpDown className="size-4 shrink-0 text-muted-foreground" aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-(--radix-dropdown-menu-trigger-width) min-w-56 max-w-[calc(100vw-2rem)]">
        <DropdownMenuLabel>Switch workspace</DropdownMenuLabel>
        <DropdownMenuSeparator />
        {workspaces.map((w) => {
          const isCurrent = w.slug === current.slug;
          return (
            <DropdownMenuItem key={w.slug} asChild>
              <a href={w.href} aria-current={isCurrent ? "true" : undefined} className="items-start">
                <Check className={isCurrent ? "mt-0.5 shrink-0" : "invisible mt-0.5 shrink-0"} aria-hidden />
                <span className="grid min-w-0">
                  <span className="break-words">{w.name}</span>
                  <span className="truncate font-mono text-xs text-muted-foreground">{w.slug}</span>
                </span>
              </a>
            </DropdownMenuItem>
          );
        })}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
