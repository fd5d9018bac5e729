import { headers } from "next/headers";
import { authorize, type Ctx } from "@/lib/auth/context";
import type { Permission } from "@/lib/auth/permissions";
import { getCtx } from "@/lib/auth/session";
import { toErrorBody, unauthorized, type ErrorBody } from "@/lib/errors";
import { logger } from "@/lib/log";
import { assertSameOrigin } from "./route";

export type ActionResult<T> = ({ ok: true } & T) | ({ ok: false } & ErrorBody);

/**
 * Every server action is made here: a server action is a public endpoint, so the caller is
 * authenticated and authorized before the body runs, and failures come back as a result the
 * form can show (`fieldErrors` beside fields), never as a thrown error.
 */
export function serverAction<I, T extends object | void>(permission: Permission, body: (ctx: Ctx, input: I) => Promise<T>) {
  return async (input: I): Promise<ActionResult<T extends void ? object : T>> => {
    try {
      const ctx = await getCtx();
      if (!ctx) throw unauthorized("Your session has ended. Sign in again.");
      // Next checks an action's Origin against the Host, which a proxy header can name; this
      // checks it against PORTAL_URL (see lib/auth/origin.ts).
      assertSameOrigin(await headers());
      authorize(ctx, permission);
      const result = await body(ctx, input);
      return { ok: true, ...(result ?? {}) } as ActionResult<T extends void ? object : T>;
    } catch (error) {
      const { body, unexpected } = toErrorBody(error);
      if (unexpected) logger().error({ err: error }, "unexpected error");
      return { ok: false, ...body };
    }
  };
}
