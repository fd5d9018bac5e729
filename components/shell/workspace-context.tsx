"use client";
import Link from "next/link";
import { createContext, useCallback, useContext, type ComponentProps } from "react";
import { workspaceApiPath, workspacePath } from "@/lib/workspaces/request-names";

/** The workspace the page shows: set once by the portal's layout (app/(portal)/layout.tsx). */
const CurrentWorkspace = createContext<{ slug: string; name: string } | null>(null);

export function WorkspaceProvider({
  workspace,
  children,
}: {
  workspace: { slug: string; name: string } | null;
  children: React.ReactNode;
}) {
  return <CurrentWorkspace value={workspace}>{children}</CurrentWorkspace>;
}

/** The workspace the page shows; null outside one (a person with no workspace, the sign-in pages). */
export const useCurrentWorkspace = () => useContext(CurrentWorkspace);

/**
 * Turns a page's path into its URL in the current workspace: "/integrations/1" → "/w/acme/integrations/1".
 * Outside a workspace the path stays as it is (the page layer then picks the current one).
 */
export function useWorkspaceHref(): (path: string) => string {
  const slug = useContext(CurrentWorkspace)?.slug ?? null;
  return useCallback((path: string) => (slug ? workspacePath(slug, path) : path), [slug]);
}

/**
 * Turns a path of the API into the same operation in the current workspace: "/api/v1/executions/state" →
 * "/api/v1/workspaces/acme/executions/state". A page's own requests name its workspace, so a tab
 * left open on another workspace (the cookie names the last one opened) still reads its own.
 */
export function useWorkspaceApiHref(): (path: string) => string {
  const slug = useContext(CurrentWorkspace)?.slug ?? null;
  return useCallback((path: string) => (slug ? workspaceApiPath(slug, path) : path), [slug]);
}

/** A next/link to a page of the current workspace, for server components: `href` is the page's path ("/events/1"). */
export function WorkspaceLink({ href, ...props }: Omit<ComponentProps<typeof Link>, "href"> & { href: string }) {
  const toHref = useWorkspaceHref();
  return <Link href={toHref(href)} {...props} />;
}
