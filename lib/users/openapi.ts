import { z } from "zod";
import { pageOf, type ApiOperation } from "@/lib/api/operations";
import { pageParams } from "@/lib/pagination";
import { changePasswordInput, createUserInput, securitySettingsInput, updateUserInput } from "./schemas";

/** A member as lib/members/rules.ts (toMember) answers it: the account and the membership of the workspace. */
export const member = z.object({
  id: z.uuid().describe("The account's id"),
  email: z.string(),
  name: z.string(),
  role: z.enum(["owner", "admin", "member"]).describe("The role in this workspace"),
  isAdmin: z.boolean().describe("An owner or admin of this workspace"),
  canTriggerIntegrations: z.boolean().describe("May trigger integrations in this workspace"),
  source: z.enum(["portal", "sso"]).describe("sso: the single sign-on mapping made the membership and decides its role"),
  joinedAt: z.date().describe("When the account became a member of this workspace"),
  accountManagedHere: z
    .boolean()
    .describe(
      "The account belongs to no other workspace: this workspace's owners and admins change its name, state, password and two-factor",
    ),
  active: z.boolean().describe("The account may sign in (account-level)"),
  lastSignInAt: z.date().nullable(),
  mustChangePassword: z.boolean().describe("An admin reset the password: the user must choose a new one at their next sign-in"),
  ssoIssuer: z.string().nullable().describe("The OpenID provider the user signs in with; null for a password account"),
  totpEnabledAt: z.date().nullable().describe("When the user turned on two-factor (an authenticator app); null: off"),
  createdAt: z.date().describe("When the account was created"),
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
const adminOnly = { ...unauthenticated, 403: "Only the workspace's owners and admins manage its members" };
const accountLevel =
  "Account-level: allowed to the workspace's owners and admins only for an account that belongs to no other workspace, else 403 (an instance admin can).";

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
    summary: "List members",
    description:
      "The workspace's members (the same list as GET /api/v1/members), newest member first. People of other workspaces are not in it.",
    query: pageParams,
    response: pageOf(member),
    responses: { 200: "A page of members", ...adminOnly },
  },
  {
    method: "post",
    path: "/api/v1/users",
    tag: "Users",
    permission: "users.manage",
    summary: "Create an account in the workspace",
    description:
      'Creates the account and makes it a member of the workspace with `role` (else "admin" for isAdmin, else "member"). Only an owner makes an owner. ' +
      "Without a password, one is generated and returned once as generatedPassword. An email that has an account already is refused: " +
      "an existing account joins through an invitation (POST /api/v1/invitations).",
    request: createUserInput,
    response: member.extend({ generatedPassword: z.string().optional() }),
    responses: {
      201: "The new member",
      ...adminOnly,
      409: "The email has an account, or is a member already (fieldErrors.email)",
      422: "A field is not valid",
    },
  },
  {
    method: "patch",
    path: "/api/v1/users/{id}",
    tag: "Users",
    permission: "users.manage",
    summary: "Change a member",
    description:
      "role, isAdmin (true: admin, an owner stays owner; false: member) and canTriggerIntegrations are the membership's: only an owner grants or " +
      "removes the owner role, the last owner keeps it, and a membership made by single sign-on follows the claims (409). name and active are the " +
      `account's. ${accountLevel} Deactivating ends the account's sessions and revokes its API tokens.`,
    request: updateUserInput,
    response: member,
    responses: {
      200: "The member as changed",
      ...unauthenticated,
      403: "Not an owner or admin; the owner role by a non-owner; an account shared with other workspaces",
      404: "Not a member of this workspace",
      409: "It would leave the workspace without an owner, or the role follows single sign-on",
      422: "A field is not valid",
    },
  },
  {
    method: "delete",
    path: "/api/v1/users/{id}",
    tag: "Users",
    permission: "users.manage",
    summary: "Remove a member",
    description: "The same as DELETE /api/v1/members/{id}: the account leaves the workspace and keeps its other memberships.",
    responses: {
      204: "Removed",
      ...unauthenticated,
      403: "Not an owner or admin, or an owner removed by a non-owner",
      404: "Not a member of this workspace",
      409: "The last owner",
    },
  },
  {
    method: "post",
    path: "/api/v1/users/{id}/reset-password",
    tag: "Users",
    permission: "users.manage",
    summary: "Reset a user's password",
    description: `Sets a generated password, returned once, which the user must change at their next sign-in. Ends the user's sessions. ${accountLevel}`,
    response: z.object({ generatedPassword: z.string() }),
    responses: {
      200: "The new password, shown once",
      ...unauthenticated,
      403: "Not an owner or admin, or an account shared with other workspaces",
      404: "Not a member of this workspace",
      409: "Your own (change it on your account page), or a single sign-on account",
    },
  },
  {
    method: "post",
    path: "/api/v1/users/{id}/reset-two-factor",
    tag: "Users",
    permission: "users.manage",
    summary: "Turn off a user's two-factor",
    description:
      "For a user who lost their authenticator app and recovery codes: their two-factor and recovery codes are removed and their " +
      `sessions end. An admin under the two-factor requirement sets it up again at their next sign-in. ${accountLevel}`,
    responses: {
      204: "Turned off",
      ...unauthenticated,
      403: "Not an owner or admin, or an account shared with other workspaces",
      404: "Not a member of this workspace",
      409: "The user has no two-factor, or it is your own (turn it off on your account page)",
    },
  },
  {
    method: "get",
    path: "/api/v1/settings/security",
    tag: "Users",
    permission: "instance.manage",
    summary: "Security settings",
    description: "Whether two-factor is required of admins, and how many admins have not set it up.",
    response: securitySettings,
    responses: { 200: "The settings", ...adminOnly },
  },
  {
    method: "put",
    path: "/api/v1/settings/security",
    tag: "Users",
    permission: "instance.manage",
    summary: "Change security settings",
    description:
      "Requiring two-factor of admins applies from their next request: an admin with a password and no two-factor can then do " +
      "nothing but set it up (API tokens go on working). The admin turning it on must have set up two-factor first.",
    request: securitySettingsInput,
    response: securitySettings,
    responses: { 200: "The settings as changed", ...adminOnly, 409: "Set up your own two-factor first", 422: "A field is not valid" },
  },
];
