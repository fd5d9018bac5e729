import type { z } from "zod";
import { authorize, type Ctx } from "@/lib/auth/context";
import { isTrustedOrigin } from "@/lib/auth/origin";
import type { Permission } from "@/lib/auth/permissions";
import { getCtx } from "@/lib/auth/session";
import { AppError, toErrorBody, unauthorized } from "@/lib/errors";
import { parseJsonExactly } from "@/lib/exact-json";
import { logger } from "@/lib/log";

type Params = Record<string, string>;
interface HandlerArgs<P extends Params> {
  ctx: Ctx;
  request: Request;
  params: P;
}

/**
 * Every /api/v1 route handler is made here. The permission is not optional: the caller is
 * authenticated (API token or session cookie) and authorized before the handler runs, cookie
 * requests that change state must come from the portal's own origin, and anything thrown
 * becomes `{ error: { code, message, fieldErrors? } }` with a fitting status, never a stack trace.
 */
export function apiRoute<P extends Params = Params>(permission: Permission, handler: (args: HandlerArgs<P>) => Promise<unknown>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const ctx = await getCtx();
      if (!ctx) throw unauthorized("Sign in, or send an API token as Authorization: Bearer <token>.");
      if (ctx.via === "session" && !["GET", "HEAD"].includes(request.method)) assertSameOrigin(request.headers);
      authorize(ctx, permission);
      const result = await handler({ ctx, request, params: await context.params });
      if (result instanceof Response) return result;
      return result === undefined ? new Response(null, { status: 204 }) : Response.json(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  const { status, body, retryAfterSeconds, unexpected } = toErrorBody(error);
  if (unexpected) logger().error({ err: error }, "unexpected error");
  else if (body.code === "database_unavailable") logger().warn({ err: error }, "the database cannot be reached; answered 503");
  const headers = retryAfterSeconds ? { "Retry-After": String(retryAfterSeconds) } : undefined;
  return Response.json({ error: body }, { status, headers });
}

export const created = (data: unknown) => Response.json(data, { status: 201 });

const MAX_JSON_BYTES = 512 * 1024;

/**
 * Reads and validates a JSON body: 400 for broken JSON, 413 when too large, 422 for bad fields —
 * and for a number that would not be kept exactly (see parseJsonExactly).
 */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, maxBytes = MAX_JSON_BYTES): Promise<z.output<S>> {
  const text = await readText(request, maxBytes);
  let value: unknown;
  try {
    value = text.trim() === "" ? {} : parseJsonExactly(text);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
  return schema.parse(value);
}

/** Validates the query string against a schema (422 with field errors when it does not fit). */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  return schema.parse(queryOf(request));
}

/** The query string as a plain object, for verbs that validate their own input. */
export const queryOf = (request: Request): Record<string, string> => Object.fromEntries(new URL(request.url).searchParams);

async function readText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const tooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", `The request body is larger than ${Math.round(maxBytes / 1024)} KiB.`);

/** Cookie-authenticated writes must come from a page of the portal itself (no cross-site requests). */
export function assertSameOrigin(headers: Headers) {
  if (!isTrustedOrigin(headers)) {
    throw new AppError("forbidden", "Cross-site request refused. Use an API token for requests from other sites.");
  }
}

/**
 * A route that requires `permission` like apiRoute, except that a request without a session or
 * token is answered by `publicHandler` (which refuses unless an admin made the resource public).
 * A request that does carry credentials is authenticated and authorized as usual.
 */
export function apiRouteOrPublic<P extends Params = Params>(
  permission: Permission,
  handler: (args: HandlerArgs<P>) => Promise<unknown>,
  publicHandler: (args: { request: Request; params: P }) => Promise<unknown>,
) {
  const authenticated = apiRoute(permission, handler);
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const signedIn = request.headers.has("authorization") || (await getCtx()) !== null;
      if (signedIn) return authenticated(request, context);
      const result = await publicHandler({ request, params: await context.params });
      return Response.json(result, { headers: { "Cache-Control": "public, max-age=60" } });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
