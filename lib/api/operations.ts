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
  /** Every status the operation answers with and what it means there. 4xx and 5xx carry the error body. */
  responses: Record<number, string>;
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
        "bad_request, unauthorized, forbidden, not_found, conflict, validation_failed, payload_too_large, rate_limited, idempotency_key_reused, webhook_not_configured, webhook_disabled, database_unavailable (503, with Retry-After) or internal_error",
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
