import { forbidden, unauthorized } from "@/lib/errors";
import { can, type Permission } from "./permissions";

export interface Actor {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  canTriggerIntegrations: boolean;
}

/** Who is acting and from where: passed to every verb as `ctx`. */
export interface Ctx {
  actor: Actor;
  ip?: string | null;
  userAgent?: string | null;
  /** The x-request-id of the request acting (recorded on audit rows and attempts). */
  requestId?: string | null;
  via: "session" | "token" | "system";
}

/** Throws unless the actor holds the permission. Verbs call this first. */
export function authorize(ctx: Ctx | null, permission: Permission): asserts ctx is Ctx {
  if (!ctx) throw unauthorized();
  if (!can(ctx.actor, permission)) throw forbidden();
}
