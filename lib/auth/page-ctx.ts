import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import type { Ctx } from "./context";
import { can, type Permission } from "./permissions";
import { enterWorkspace } from "@/lib/workspaces/scope";
import { getCtx } from "./session";

/**
 * For server pages: the signed-in ctx, or a redirect to sign in that comes back to the requested
 * page afterwards — for one whose password an admin reset, to choosing a new one; for an admin
 * without two-factor while the portal requires it, to setting it up. With a permission, a user
 * who lacks it gets the "forbidden" page (403) instead of the content. The rest of the page acts in
 * the ctx's workspace (lib/workspaces/scope.ts), as a verb after authorize() does.
 */
export async function requirePageCtx(permission?: Permission): Promise<Ctx> {
  const ctx = await getCtx();
  if (!ctx) {
    // Set by proxy.ts (the header's name is repeated here: lib/ does not import the app's files).
    const requested = (await headers()).get("x-portal-requested-path");
    redirect(requested ? `/sign-in?callbackUrl=${encodeURIComponent(requested)}` : "/sign-in");
  }
  // After an admin's reset, nothing but choosing a new password (app/(auth)/new-password).
  if (ctx.mustChangePassword) redirect("/new-password");
  // While the portal requires two-factor of admins, an admin without it sets it up first.
  if (ctx.mustSetUpTwoFactor) redirect("/set-up-two-factor");
  if (permission && !can(ctx.actor, permission)) {
    forbidden();
  }
  if (ctx.workspace) enterWorkspace(ctx.workspace.id);
  return ctx;
}
