import { z } from "zod";
import { pageOf, type ApiOperation } from "@/lib/api/operations";
import { pageParams } from "@/lib/pagination";
import { createUserInput, updateUserInput } from "./schemas";

/** The answer shape of `userView` (./schemas.ts). */
const user = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  canTriggerIntegrations: z.boolean(),
  active: z.boolean(),
  lastSignInAt: z.date().nullable(),
  createdAt: z.date(),
});

const me = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  canTriggerIntegrations: z.boolean(),
  authenticatedWith: z.enum(["session", "token"]),
});

const unauthenticated = { 401: "Not signed in and no valid API token" };
const adminOnly = { ...unauthenticated, 403: "Only admins manage users" };

export const accountOperations: ApiOperation[] = [
  {
    method: "get", path: "/api/v1/me", tag: "Account", permission: "portal.read",
    summary: "Who am I", description: "The user the request acts as, with their permissions.",
    response: me, responses: { 200: "The current user", ...unauthenticated },
  },
];

export const userOperations: ApiOperation[] = [
  {
    method: "get", path: "/api/v1/users", tag: "Users", permission: "users.manage",
    summary: "List users", description: "Newest first.", query: pageParams, response: pageOf(user),
    responses: { 200: "A page of users", ...adminOnly },
  },
  {
    method: "post", path: "/api/v1/users", tag: "Users", permission: "users.manage",
    summary: "Create a user", description: "Without a password, one is generated and returned once as generatedPassword.",
    request: createUserInput, response: user.extend({ generatedPassword: z.string().optional() }),
    responses: { 201: "The new user", ...adminOnly, 409: "The email is in use (fieldErrors.email)", 422: "A field is not valid" },
  },
  {
    method: "patch", path: "/api/v1/users/{id}", tag: "Users", permission: "users.manage",
    summary: "Change a user", description: "Name, admin and trigger permissions, active state. The last active admin cannot lose the role.",
    request: updateUserInput, response: user,
    responses: { 200: "The user as changed", ...adminOnly, 404: "No such user", 409: "It would leave no active admin", 422: "A field is not valid" },
  },
];
