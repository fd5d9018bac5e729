"use client";
import { ChevronDown, KeyRound, LockKeyhole, LogOut, Monitor, Moon, ShieldCheck, Sun } from "lucide-react";
import { signOut } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { ThemePreference } from "@/components/ui/theme";
import { useTheme } from "./use-theme";
import { useWorkspaceHref } from "./workspace-context";

export function UserMenu({ name, email }: { name: string; email: string }) {
  const router = useRouter();
  const theme = useTheme();
  const toHref = useWorkspaceHref();
  /** Ends the session, then opens the sign-in page of the address the portal is open under, not PORTAL_URL's (where next-auth would go). */
  const signOutHere = async () => {
    await signOut({ redirect: false });
    router.replace("/sign-in");
    router.refresh();
  };
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" className="gap-2" data-testid="user-menu">
          <span
            className="flex size-7 items-center justify-center rounded-full bg-primary text-xs font-semibold text-primary-foreground"
            aria-hidden
          >
            {name.slice(0, 1).toUpperCase()}
          </span>
          <span className="sr-only max-w-40 truncate text-sm sm:not-sr-only">{name}</span>
          <ChevronDown aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>{email}</DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>Theme</DropdownMenuLabel>
        <DropdownMenuRadioGroup
          value={theme.preference}
          onValueChange={(value) => theme.choose(value as ThemePreference)}
          aria-label="Theme"
        >
          <DropdownMenuRadioItem value="system">
            <Monitor aria-hidden /> System
          </DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="light">
            <Sun aria-hidden /> Light
          </DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="dark">
            <Moon aria-hidden /> Dark
          </DropdownMenuRadioItem>
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        {/* A token belongs to one workspace: the page lists and creates the current workspace's. */}
        <DropdownMenuItem asChild>
          <Link href={toHref("/account/tokens")}>
            <KeyRound aria-hidden /> API tokens
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href="/account/password">
            <LockKeyhole aria-hidden /> Password
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href="/account/two-factor">
            <ShieldCheck aria-hidden /> Two-factor
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={signOutHere}>
          <LogOut aria-hidden /> Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
