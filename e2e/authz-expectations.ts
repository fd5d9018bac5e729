import { API_OPERATIONS } from "../lib/api/openapi";
import { can, PERMISSION_SCOPES, type Permission, type Principal } from "../lib/auth/permissions";
import type { Role } from "./fixtures/portal";
import type { Scope } from "./fixtures/session";

/**
 * Who may call each route handler under app/api and each server action. The matrix test
 * discovers every handler and action by itself and fails for one that is not listed here, so a
 * route added without deciding who may call it cannot pass the suite.
 *
 * "public": no sign-in needed. "signedIn": every signed-in user. "sessionOnly": every signed-in
 * user in a browser session, never with an API token (changing a password or two-factor). Otherwise
 * the roles allowed.
 */
export type Allowed = "public" | "signedIn" | "sessionOnly" | Role[];

const ADMINS: Role[] = ["admin", "adminTrigger"];
const TRIGGERERS: Role[] = ["trigger", "adminTrigger"];
export { ADMINS, TRIGGERERS };

const ROLE_FLAGS: Record<Role, Principal> = {
  reader: { isAdmin: false, canTriggerIntegrations: false },
  trigger: { isAdmin: false, canTriggerIntegrations: true },
  admin: { isAdmin: true, canTriggerIntegrations: false },
  adminTrigger: { isAdmin: true, canTriggerIntegrations: true },
};

/** Who holds a permission, read from lib/auth/permissions.ts: every role means every signed-in user. */
function allowedFor(permission: Permission): Allowed {
  if (PERMISSION_SCOPES[permission].length === 0) return "sessionOnly";
  const roles = (Object.keys(ROLE_FLAGS) as Role[]).filter((role) => can(ROLE_FLAGS[role], permission));
  return roles.length === Object.keys(ROLE_FLAGS).length ? "signedIn" : roles;
}

/** Route handlers: "METHOD /path/with/[params]". */
export const ROUTES: Record<string, Allowed> = {
  // Every documented /api/v1 operation: from its permission in lib/<domain>/openapi.ts.
  ...Object.fromEntries(
    API_OPERATIONS.map((o) => [`${o.method.toUpperCase()} ${o.path.replace(/\{(\w+)\}/g, "[$1]")}`, allowedFor(o.permission)]),
  ),
  "GET /api/auth/[...nextauth]": "public",
  "GET /api/health": "public",
  "GET /api/ready": "public",
  "POST /api/auth/[...nextauth]": "public",
  "GET /api/v1/openapi.json": "signedIn",
  // Paths the API does not have: a JSON 404 for anyone.
  ...Object.fromEntries(["GET", "POST", "PUT", "PATCH", "DELETE"].map((m) => [`${m} /api/v1/[...path]`, "public" as const])),
};

/**
 * The API token scopes that open each route (any one of them), for a user who holds every
 * permission: a token with another scope alone is refused (403). Every route of ROUTES that is
 * not public is listed. Server actions take no tokens.
 */
export const ROUTE_SCOPES: Record<string, Scope[]> = {
  "GET /api/v1/me": ["read"],
  "POST /api/v1/me/password": [],
  "POST /api/v1/users/[id]/reset-password": ["admin"],
  "POST /api/v1/users/[id]/reset-two-factor": ["admin"],
  "GET /api/v1/settings/security": ["admin"],
  "PUT /api/v1/settings/security": ["admin"],
  "GET /api/v1/users": ["admin"],
  "POST /api/v1/users": ["admin"],
  "PATCH /api/v1/users/[id]": ["admin"],
  "DELETE /api/v1/users/[id]": ["admin"],
  "GET /api/v1/members": ["admin"],
  "PATCH /api/v1/members/[id]": ["admin"],
  "DELETE /api/v1/members/[id]": ["admin"],
  "GET /api/v1/invitations": ["admin"],
  "POST /api/v1/invitations": ["admin"],
  "DELETE /api/v1/invitations/[id]": ["admin"],
  "GET /api/v1/tokens": ["read"],
  "POST /api/v1/tokens": ["read"],
  "DELETE /api/v1/tokens/[id]": ["read"],
  "GET /api/v1/tokens/all": ["admin"],
  "GET /api/v1/events": ["read"],
  "POST /api/v1/events": ["events:write", "admin"],
  "GET /api/v1/events/[id]": ["read"],
  "GET /api/v1/event-types": ["read"],
  "GET /api/v1/connector-types": ["read"],
  "POST /api/v1/event-types": ["admin"],
  "GET /api/v1/event-types/catalog": ["read"],
  "GET /api/v1/event-types/[name]": ["read"],
  "PATCH /api/v1/event-types/[name]": ["admin"],
  "GET /api/v1/event-types/[name]/proposed-schema": ["admin"],
  "POST /api/v1/event-types/[name]/send-example": ["admin"],
  "GET /api/v1/settings/event-types": ["read"],
  "PUT /api/v1/settings/event-types": ["admin"],
  "GET /api/v1/integrations/[id]/subscriptions": ["read"],
  "POST /api/v1/integrations/[id]/subscriptions": ["admin"],
  "GET /api/v1/subscriptions/[id]": ["read"],
  "PATCH /api/v1/subscriptions/[id]": ["admin"],
  "DELETE /api/v1/subscriptions/[id]": ["admin"],
  "POST /api/v1/subscriptions/[id]/enable": ["admin"],
  "POST /api/v1/executions/[id]/cancel-retries": ["trigger"],
  "POST /api/v1/executions/bulk-retry": ["trigger"],
  "GET /api/v1/integrations/[id]/recover": ["read"],
  "POST /api/v1/integrations/[id]/recover": ["trigger"],
  "GET /api/v1/recoveries/[id]": ["read"],
  "POST /api/v1/recoveries/[id]/cancel": ["trigger"],
  "GET /api/v1/openapi.json": ["read"],
  "GET /api/v1/integrations": ["read"],
  "POST /api/v1/integrations": ["admin"],
  "GET /api/v1/integrations/[id]": ["read"],
  "PATCH /api/v1/integrations/[id]": ["admin"],
  "DELETE /api/v1/integrations/[id]": ["admin"],
  "GET /api/v1/integrations/[id]/webhook": ["read"],
  "PUT /api/v1/integrations/[id]/webhook": ["admin"],
  "DELETE /api/v1/integrations/[id]/webhook": ["admin"],
  "PUT /api/v1/integrations/[id]/alerts": ["admin"],
  "POST /api/v1/integrations/[id]/webhook/secret/reveal": ["admin"],
  "POST /api/v1/integrations/[id]/webhook/secret/rotate": ["admin"],
  "POST /api/v1/integrations/[id]/trigger": ["trigger"],
  "POST /api/v1/integrations/[id]/webhook/test": ["admin"],
  "GET /api/v1/integrations/[id]/transformation": ["admin"],
  "PUT /api/v1/integrations/[id]/transformation": ["admin"],
  "DELETE /api/v1/integrations/[id]/transformation": ["admin"],
  "POST /api/v1/integrations/[id]/transformation/restore": ["admin"],
  "POST /api/v1/integrations/[id]/transformation/test": ["admin"],
  "GET /api/v1/subscriptions/[id]/transformation": ["admin"],
  "PUT /api/v1/subscriptions/[id]/transformation": ["admin"],
  "DELETE /api/v1/subscriptions/[id]/transformation": ["admin"],
  "POST /api/v1/subscriptions/[id]/transformation/restore": ["admin"],
  "POST /api/v1/subscriptions/[id]/transformation/test": ["admin"],
  "GET /api/v1/executions": ["read"],
  "GET /api/v1/executions/[id]": ["read"],
  "POST /api/v1/executions/[id]/retry": ["trigger"],
  "GET /api/v1/executions/export": ["read"],
  "GET /api/v1/executions/state": ["read"],
  "GET /api/v1/audit-log": ["admin"],
  "GET /api/v1/audit-log/export": ["admin"],
  "GET /api/v1/workspaces": ["read"],
  "POST /api/v1/workspaces": ["admin"],
  "GET /api/v1/workspaces/[slug]": ["read"],
  "PATCH /api/v1/workspaces/[slug]": ["admin"],
  "DELETE /api/v1/workspaces/[slug]": ["admin"],
  "POST /api/v1/support-access": ["admin"],
  "GET /api/v1/plans/current": ["read"],
  "GET /api/v1/plans": ["admin"],
  "POST /api/v1/plans": ["admin"],
  "GET /api/v1/plans/[id]": ["admin"],
  "PATCH /api/v1/plans/[id]": ["admin"],
  "DELETE /api/v1/plans/[id]": ["admin"],
};

/** Server actions: "file#exportName" (as in the build's server reference manifest). */
export const ACTIONS: Record<string, Allowed> = {
  "components/users/actions.ts#createUserAction": ADMINS,
  "components/users/actions.ts#updateUserAction": ADMINS,
  "components/users/actions.ts#resetPasswordAction": ADMINS,
  "components/account/actions.ts#changePasswordAction": "sessionOnly",
  "components/account/actions.ts#startTwoFactorSetupAction": "sessionOnly",
  "components/account/actions.ts#confirmTwoFactorSetupAction": "sessionOnly",
  "components/account/actions.ts#renewRecoveryCodesAction": "sessionOnly",
  "components/account/actions.ts#turnOffTwoFactorAction": "sessionOnly",
  "components/users/actions.ts#resetTwoFactorAction": ADMINS,
  // Instance admins only: none of the roles here (e2e/portal-wide/require-admin-two-factor.spec.ts uses the seeded one).
  "components/users/actions.ts#updateSecuritySettingsAction": [],
  "components/members/actions.ts#inviteMemberAction": ADMINS,
  "components/members/actions.ts#revokeInvitationAction": ADMINS,
  "components/members/actions.ts#updateMemberAction": ADMINS,
  "components/members/actions.ts#removeMemberAction": ADMINS,
  // Accepting an invitation: the signed-in person, in a browser session (the invitation decides the rest).
  "components/members/actions.ts#acceptInvitationAction": "sessionOnly",
  // No account yet: the invitation link's token is the credential (lib/members/join-with-new-account.ts).
  "components/members/actions.ts#joinWithNewAccountAction": "public",
  "components/tokens/actions.ts#createTokenAction": "signedIn",
  "components/tokens/actions.ts#revokeTokenAction": "signedIn",
  "components/executions/actions.ts#retryExecutionAction": TRIGGERERS,
  "components/executions/actions.ts#cancelRetriesAction": TRIGGERERS,
  "components/executions/actions.ts#bulkRetryAction": TRIGGERERS,
  "components/executions/actions.ts#retryProgressAction": "signedIn",
  "components/filters/actions.ts#searchFilterOptionsAction": "signedIn",
  "components/executions/actions.ts#previewTriggerAction": TRIGGERERS,
  "components/executions/actions.ts#triggerIntegrationAction": TRIGGERERS,
  "components/integrations/actions.ts#createIntegrationAction": ADMINS,
  "components/subscriptions/actions.ts#createSubscriptionAction": ADMINS,
  "components/subscriptions/actions.ts#startRecoveryAction": TRIGGERERS,
  "components/subscriptions/actions.ts#cancelRecoveryAction": TRIGGERERS,
  "components/subscriptions/actions.ts#updateSubscriptionAction": ADMINS,
  "components/subscriptions/actions.ts#deleteSubscriptionAction": ADMINS,
  "components/integrations/actions.ts#updateIntegrationAction": ADMINS,
  "components/integrations/actions.ts#deleteIntegrationAction": ADMINS,
  "components/integrations/actions.ts#saveWebhookConfigAction": ADMINS,
  "components/integrations/actions.ts#saveAlertSettingsAction": ADMINS,
  "components/integrations/actions.ts#deleteWebhookConfigAction": ADMINS,
  "components/integrations/actions.ts#revealSigningSecretAction": ADMINS,
  "components/integrations/actions.ts#rotateSigningSecretAction": ADMINS,
  "components/integrations/actions.ts#sendTestWebhookAction": ADMINS,
  "components/event-types/actions.ts#updateEventTypeAction": ADMINS,
  "components/event-types/actions.ts#proposeSchemaAction": ADMINS,
  "components/event-types/actions.ts#updateEventTypeSettingsAction": ADMINS,
  "components/event-types/actions.ts#sendExampleAction": ADMINS,
  "components/transformations/actions.ts#saveTransformationAction": ADMINS,
  "components/transformations/actions.ts#removeTransformationAction": ADMINS,
  "components/transformations/actions.ts#restoreTransformationAction": ADMINS,
  "components/transformations/actions.ts#testTransformationAction": ADMINS,
  // Instance administration: instance admins only, none of the roles (workspace owners and admins are not).
  "components/plans/actions.ts#createPlanAction": [],
  "components/plans/actions.ts#updatePlanAction": [],
  "components/plans/actions.ts#deletePlanAction": [],
  "components/workspaces/actions.ts#createWorkspaceAction": [],
  "components/workspaces/actions.ts#updateWorkspaceAction": [],
  "components/workspaces/actions.ts#deleteWorkspaceAction": [],
  "components/workspaces/actions.ts#grantSupportAccessAction": [],
};
