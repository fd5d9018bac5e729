import { z } from "zod";
import { pageOf, type ApiOperation } from "@/lib/api/operations";
import { pageParams } from "@/lib/pagination";
import { createTokenInput } from "./schemas";

/** The answer shape of `tokenView` (./schemas.ts). */
const token = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe("The first characters of the token, to tell tokens apart"),
  lastUsedAt: z.date().nullable(),
  createdAt: z.date(),
});

const unauthenticated = { 401: "Not signed in and no valid API token" };

export const tokenOperations: ApiOperation[] = [
  {
    method: "get", path: "/api/v1/tokens", tag: "API tokens", permission: "tokens.manage",
    summary: "List my API tokens", description: "The caller's own tokens that are not revoked, newest first.",
    query: pageParams, response: pageOf(token), responses: { 200: "A page of tokens", ...unauthenticated },
  },
  {
    method: "post", path: "/api/v1/tokens", tag: "API tokens", permission: "tokens.manage",
    summary: "Create an API token", description: "The token is in the answer once; only its hash is stored.",
    request: createTokenInput, response: token.extend({ token: z.string() }),
    responses: { 201: "The new token", ...unauthenticated, 422: "A field is not valid" },
  },
  {
    method: "delete", path: "/api/v1/tokens/{id}", tag: "API tokens", permission: "tokens.manage",
    summary: "Revoke an API token", responses: { 204: "Revoked", ...unauthenticated, 404: "No such token of yours" },
  },
];
