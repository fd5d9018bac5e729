import { forbidden, redirect } from "next/navigation";
import type { Ctx } from "./context";
import { can, type Permission } from "./permissions";
import { getCtx } from "./session";

/**
 * For server pages: the signed-in ctx, or a redirect to sign in. With a permission, a user who
 * lacks it gets the "forbidden" page (403) instead of the content.
 */
export async function requirePageCtx(permission?: Permission): Promise<Ctx> {
  const ctx = await getCtx();
  if (!ctx) redirect("/sign-in");
  if (permission && !can(ctx.actor, permission)) {
    forbidden();
  }
  return ctx;
}
