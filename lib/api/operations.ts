import { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/**
 * One operation of the /api/v1 API, described for the OpenAPI document (lib/api/openapi.ts).
 * The schemas are the ones the route handlers parse with, so the document cannot drift from the
 * code. Each domain exports its list from lib/<domain>/openapi.ts.
 */
export interface ApiOperation {
  method: HttpMethod;
  /** With OpenAPI path parameters: /api/v1/integrations/{id}. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  permission: Permission;
  query?: z.ZodObject;
  request?: z.ZodType;
  /** The body of the success answer (the first 2xx status in `responses`). */
  response?: z.ZodType;
  /**
   * Every status the operation answers with and what it means there. 4xx and 5xx carry the error
   * body. The statuses every operation of its kind can answer (400 and 413 with a body, 401, 403,
   * 404 with a path parameter, 422, 503) are added by lib/api/openapi.ts where not given here.
   */
  responses: Record<number, string>;
  /** Request headers the operation reads, beside Authorization. */
  headers?: { name: string; description: string; schema: z.ZodType }[];
  /** Response headers, per status: name → what it says. Retry-After on 429 and 503 is added for every operation. */
  responseHeaders?: Record<number, Record<string, string>>;
  /** A success answer that is a file, not JSON: its media types, each with what the file holds. */
  files?: Record<string, string>;
}

/** A cursor-paginated list answer. */
export const pageOf = (item: z.ZodType) =>
  z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().describe("Pass as ?cursor= for the next page; null on the last page"),
  });

/** What every failed request answers. */
export const errorBody = z.object({
  error: z.object({
    code: z
      .string()
      .describe(
        "bad_request, unauthorized, forbidden, not_found, method_not_allowed (405, with Allow), conflict, validation_failed, payload_too_large, rate_limited, idempotency_key_reused, webhook_not_configured, webhook_disabled, limit_reached (403), plan_required (403: the workspace's plan leaves it out, naming the plan that includes it), workspace_not_found (404), database_unavailable (503, with Retry-After) or internal_error",
      ),
    message: z.string().describe("A sentence meant for the person who made the request"),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional().describe("Messages per request field, by field name"),
  }),
});

/** An API token where it acted (audit log, execution history): never the token itself. */
export const apiTokenLabel = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe("The token's first characters"),
});

/** The two formats of an export (?format=csv or jsonl), for an operation's `files`. */
export const exportFiles = (what: string, line: string) => ({
  "text/csv": `CSV: a header line, then one line per ${what}`,
  "application/x-ndjson": `JSON Lines: one ${what} per line, each as ${line}`,
});
