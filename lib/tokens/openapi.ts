import { z } from "zod";
import { pageOf, type ApiOperation } from "@/lib/api/operations";
import { TOKEN_SCOPES } from "@/lib/auth/permissions";
import { pageParams } from "@/lib/pagination";
import { createTokenInput } from "./schemas";

/** The answer shape of `tokenView` (./schemas.ts). */
const token = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe("The first characters of the token, to tell tokens apart"),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  expiresAt: z.date().nullable().describe("Null: the token does not expire"),
  lastUsedAt: z.date().nullable(),
  createdAt: z.date(),
});

const unauthenticated = { 401: "Not signed in and no valid API token" };

export const tokenOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/tokens",
    tag: "API tokens",
    permission: "tokens.manage",
    summary: "List my API tokens",
    description: "The caller's own tokens that are not revoked (expired ones too), newest first.",
    query: pageParams,
    response: pageOf(token),
    responses: { 200: "A page of tokens", ...unauthenticated },
  },
  {
    method: "post",
    path: "/api/v1/tokens",
    tag: "API tokens",
    permission: "tokens.manage",
    summary: "Create an API token",
    description:
      "The token is in the answer once; only its hash is stored. Scopes: read, events:write (ingest only), trigger, admin — only those " +
      "the caller's own permissions allow, and with a token, only those of that token (and no later expiry). A token acts with its user's " +
      "permissions at the time of use, limited to its scopes.",
    request: createTokenInput,
    response: token.extend({ token: z.string() }),
    responses: {
      201: "The new token",
      ...unauthenticated,
      403: "A scope the caller may not grant (fieldErrors.scopes)",
      422: "A field is not valid",
    },
  },
  {
    method: "get",
    path: "/api/v1/tokens/all",
    tag: "API tokens",
    permission: "users.manage",
    summary: "List every user's API tokens",
    description: "Admins only. Tokens that are not revoked, newest first, with their owner.",
    query: pageParams,
    response: pageOf(token.extend({ user: z.object({ id: z.uuid(), email: z.string(), name: z.string() }) })),
    responses: { 200: "A page of tokens", ...unauthenticated, 403: "Only admins see every user's tokens" },
  },
  {
    method: "delete",
    path: "/api/v1/tokens/{id}",
    tag: "API tokens",
    permission: "tokens.manage",
    summary: "Revoke an API token",
    description: "One of the caller's own; admins revoke anyone's.",
    responses: { 204: "Revoked", ...unauthenticated, 404: "No such token of yours" },
  },
];
