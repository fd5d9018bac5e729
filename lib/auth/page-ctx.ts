import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { NO_WORKSPACE_PATH, namesWorkspace, REQUESTED_PATH_HEADER, WORKSPACE_HEADER, workspacePath } from "@/lib/workspaces/request-names";
import { enterWorkspace } from "@/lib/workspaces/scope";
import type { Ctx, WorkspaceRef } from "./context";
import { can, INSTANCE_PERMISSIONS, type Permission } from "./permissions";
import { getCtx } from "./session";

/** A permission about a workspace's data: its pages are under /w/{slug}/. */
type WorkspacePermission = Exclude<Permission, "instance.manage" | "account.manage">;

/**
 * For server pages: the signed-in ctx, or a redirect to sign in that comes back to the requested
 * page afterwards — for one whose password an admin reset, to choosing a new one; for an admin
 * without two-factor while the portal requires it, to setting it up. With a permission, a user
 * who lacks it gets the "forbidden" page (403) instead of the content. The rest of the page acts in
 * the ctx's workspace (lib/workspaces/scope.ts), as a verb after authorize() does.
 *
 * Workspaces: a URL naming a workspace the user is not a member of (or none by that slug) is the
 * not-found page, the same for both. A page of a workspace (any permission but the instance's and
 * the account's) asked for without /w/{slug}/ is redirected there, in the current workspace; for
 * a user who belongs to no workspace, to the page that says so.
 */
export async function requirePageCtx(permission: WorkspacePermission): Promise<Ctx & { workspace: WorkspaceRef }>;
export async function requirePageCtx(permission?: Permission): Promise<Ctx>;
export async function requirePageCtx(permission?: Permission): Promise<Ctx> {
  const ctx = await getCtx();
  const h = await headers();
  if (!ctx) {
    const requested = h.get(REQUESTED_PATH_HEADER);
    redirect(requested ? `/sign-in?callbackUrl=${encodeURIComponent(requested)}` : "/sign-in");
  }
  // After an admin's reset, nothing but choosing a new password (app/(auth)/new-password).
  if (ctx.mustChangePassword) redirect("/new-password");
  // While the portal requires two-factor of admins, an admin without it sets it up first.
  if (ctx.mustSetUpTwoFactor) redirect("/set-up-two-factor");
  if (h.get(WORKSPACE_HEADER) && !ctx.workspace) notFound();
  if (permission && !INSTANCE_PERMISSIONS.has(permission)) {
    if (!ctx.workspace) redirect(NO_WORKSPACE_PATH);
    // Old links and bookmarks: the same page, under the current workspace. Not while a server action runs.
    const requested = h.get(REQUESTED_PATH_HEADER);
    if (requested && !namesWorkspace(requested) && !h.has("next-action")) redirect(workspacePath(ctx.workspace.slug, requested));
  }
  if (permission && !can(ctx.actor, permission)) {
    forbidden();
  }
  if (ctx.workspace) enterWorkspace(ctx.workspace.id);
  return ctx;
}
