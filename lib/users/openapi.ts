import { z } from "zod";
import { pageOf, type ApiOperation } from "@/lib/api/operations";
import { pageParams } from "@/lib/pagination";
import { changePasswordInput, createUserInput, securitySettingsInput, updateUserInput } from "./schemas";

/** The answer shape of `userView` (./schemas.ts). */
const user = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  canTriggerIntegrations: z.boolean(),
  active: z.boolean(),
  lastSignInAt: z.date().nullable(),
  mustChangePassword: z.boolean().describe("An admin reset the password: the user must choose a new one at their next sign-in"),
  ssoIssuer: z.string().nullable().describe("The OpenID provider the user signs in with; null for a password account"),
  totpEnabledAt: z.date().nullable().describe("When the user turned on two-factor (an authenticator app); null: off"),
  createdAt: z.date(),
});

const securitySettings = z.object({
  requireAdminTwoFactor: z.boolean().describe("Admins who sign in with a password must use two-factor"),
  adminsWithoutTwoFactor: z.number().int().describe("Active admins with a password who have not set up two-factor"),
});

const me = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  canTriggerIntegrations: z.boolean(),
  isInstanceAdmin: z.boolean().describe("Operates the deployment: workspaces, plans, accounts"),
  authenticatedWith: z.enum(["session", "token"]),
  token: z
    .object({ id: z.uuid(), name: z.string(), prefix: z.string(), scopes: z.array(z.string()), expiresAt: z.date().nullable() })
    .nullable()
    .describe("The API token the request came with (never the token itself); null for a session"),
});

const unauthenticated = { 401: "Not signed in and no valid API token" };
const adminOnly = { ...unauthenticated, 403: "Only admins manage users" };

export const accountOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/me",
    tag: "Account",
    permission: "portal.read",
    summary: "Who am I",
    description: "The user the request acts as, with their permissions.",
    response: me,
    responses: { 200: "The current user", ...unauthenticated },
  },
  {
    method: "post",
    path: "/api/v1/me/password",
    tag: "Account",
    permission: "account.manage",
    summary: "Change my password",
    description:
      "The current password is required and counts towards the sign-in lockout when wrong. The new one: 12 to 200 characters, not one of the " +
      "10,000 most common passwords, no repetition or run of characters, not the email address. Every other session of the user ends. " +
      "Only in a signed-in session: an API token is refused with 403 before the current password is looked at.",
    request: changePasswordInput,
    responses: {
      204: "Changed",
      ...unauthenticated,
      403: "Called with an API token (a session is needed), or from another site",
      422: "A field is not valid or the current password is not correct (fieldErrors)",
      429: "Too many wrong passwords: locked for a while",
    },
  },
];

export const userOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/users",
    tag: "Users",
    permission: "users.manage",
    summary: "List users",
    description: "Newest first.",
    query: pageParams,
    response: pageOf(user),
    responses: { 200: "A page of users", ...adminOnly },
  },
  {
    method: "post",
    path: "/api/v1/users",
    tag: "Users",
    permission: "users.manage",
    summary: "Create a user",
    description: "Without a password, one is generated and returned once as generatedPassword.",
    request: createUserInput,
    response: user.extend({ generatedPassword: z.string().optional() }),
    responses: { 201: "The new user", ...adminOnly, 409: "The email is in use (fieldErrors.email)", 422: "A field is not valid" },
  },
  {
    method: "patch",
    path: "/api/v1/users/{id}",
    tag: "Users",
    permission: "users.manage",
    summary: "Change a user",
    description: "Name, admin and trigger permissions, active state. The last active admin cannot lose the role.",
    request: updateUserInput,
    response: user,
    responses: {
      200: "The user as changed",
      ...adminOnly,
      404: "No such user",
      409: "It would leave no active admin",
      422: "A field is not valid",
    },
  },
  {
    method: "post",
    path: "/api/v1/users/{id}/reset-password",
    tag: "Users",
    permission: "users.manage",
    summary: "Reset a user's password",
    description: "Sets a generated password, returned once, which the user must change at their next sign-in. Ends the user's sessions.",
    response: z.object({ generatedPassword: z.string() }),
    responses: { 200: "The new password, shown once", ...adminOnly, 404: "No such user", 409: "Your own: change it on your account page" },
  },
  {
    method: "post",
    path: "/api/v1/users/{id}/reset-two-factor",
    tag: "Users",
    permission: "users.manage",
    summary: "Turn off a user's two-factor",
    description:
      "For a user who lost their authenticator app and recovery codes: their two-factor and recovery codes are removed and their " +
      "sessions end. An admin under the two-factor requirement sets it up again at their next sign-in.",
    responses: {
      204: "Turned off",
      ...adminOnly,
      404: "No such user",
      409: "The user has no two-factor, or it is your own (turn it off on your account page)",
    },
  },
  {
    method: "get",
    path: "/api/v1/settings/security",
    tag: "Users",
    permission: "users.manage",
    summary: "Security settings",
    description: "Whether two-factor is required of admins, and how many admins have not set it up.",
    response: securitySettings,
    responses: { 200: "The settings", ...adminOnly },
  },
  {
    method: "put",
    path: "/api/v1/settings/security",
    tag: "Users",
    permission: "users.manage",
    summary: "Change security settings",
    description:
      "Requiring two-factor of admins applies from their next request: an admin with a password and no two-factor can then do " +
      "nothing but set it up (API tokens go on working). The admin turning it on must have set up two-factor first.",
    request: securitySettingsInput,
    response: securitySettings,
    responses: { 200: "The settings as changed", ...adminOnly, 409: "Set up your own two-factor first", 422: "A field is not valid" },
  },
];
