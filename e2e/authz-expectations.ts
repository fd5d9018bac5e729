import type { Role } from "./fixtures/portal";
import type { Scope } from "./fixtures/session";

/**
 * Who may call each route handler under app/api and each server action. The matrix test
 * discovers every handler and action by itself and fails for one that is not listed here, so a
 * route added without deciding who may call it cannot pass the suite.
 *
 * "public": no sign-in needed. "signedIn": every signed-in user. Otherwise the roles allowed.
 */
export type Allowed = "public" | "signedIn" | Role[];

const ADMINS: Role[] = ["admin", "adminTrigger"];
const TRIGGERERS: Role[] = ["trigger", "adminTrigger"];
export { ADMINS, TRIGGERERS };

/** Route handlers: "METHOD /path/with/[params]". */
export const ROUTES: Record<string, Allowed> = {
  "GET /api/auth/[...nextauth]": "public",
  "POST /api/auth/[...nextauth]": "public",
  "GET /api/v1/me": "signedIn",
  "POST /api/v1/me/password": "signedIn",
  "POST /api/v1/users/[id]/reset-password": ADMINS,
  "GET /api/v1/users": ADMINS,
  "POST /api/v1/users": ADMINS,
  "PATCH /api/v1/users/[id]": ADMINS,
  "GET /api/v1/tokens": "signedIn",
  "POST /api/v1/tokens": "signedIn",
  "DELETE /api/v1/tokens/[id]": "signedIn",
  "GET /api/v1/tokens/all": ADMINS,
  "GET /api/v1/events": "signedIn",
  "POST /api/v1/events": ADMINS,
  "GET /api/v1/events/[id]": "signedIn",
  "GET /api/v1/event-types": "signedIn",
  "POST /api/v1/event-types": ADMINS,
  "GET /api/v1/integrations/[id]/subscriptions": "signedIn",
  "POST /api/v1/integrations/[id]/subscriptions": ADMINS,
  "GET /api/v1/subscriptions/[id]": "signedIn",
  "PATCH /api/v1/subscriptions/[id]": ADMINS,
  "DELETE /api/v1/subscriptions/[id]": ADMINS,
  "POST /api/v1/subscriptions/[id]/enable": ADMINS,
  "POST /api/v1/executions/[id]/cancel-retries": TRIGGERERS,
  "POST /api/v1/executions/bulk-retry": TRIGGERERS,
  "GET /api/v1/integrations/[id]/recover": "signedIn",
  "POST /api/v1/integrations/[id]/recover": TRIGGERERS,
  "GET /api/v1/recoveries/[id]": "signedIn",
  "POST /api/v1/recoveries/[id]/cancel": TRIGGERERS,
  "GET /api/v1/openapi.json": "signedIn",
  "GET /api/v1/integrations": "signedIn",
  "POST /api/v1/integrations": ADMINS,
  "GET /api/v1/integrations/[id]": "signedIn",
  "PATCH /api/v1/integrations/[id]": ADMINS,
  "DELETE /api/v1/integrations/[id]": ADMINS,
  "GET /api/v1/integrations/[id]/webhook": "signedIn",
  "PUT /api/v1/integrations/[id]/webhook": ADMINS,
  "DELETE /api/v1/integrations/[id]/webhook": ADMINS,
  "POST /api/v1/integrations/[id]/webhook/secret/reveal": ADMINS,
  "POST /api/v1/integrations/[id]/webhook/secret/rotate": ADMINS,
  "POST /api/v1/integrations/[id]/trigger": TRIGGERERS,
  "POST /api/v1/integrations/[id]/webhook/test": ADMINS,
  "GET /api/v1/executions": "signedIn",
  "GET /api/v1/executions/[id]": "signedIn",
  "POST /api/v1/executions/[id]/retry": TRIGGERERS,
  "GET /api/v1/executions/export": "signedIn",
  "GET /api/v1/audit-log": ADMINS,
  "GET /api/v1/audit-log/export": ADMINS,
};

/**
 * The API token scopes that open each route (any one of them), for a user who holds every
 * permission: a token with another scope alone is refused (403). Every route of ROUTES that is
 * not public is listed. Server actions take no tokens.
 */
export const ROUTE_SCOPES: Record<string, Scope[]> = {
  "GET /api/v1/me": ["read"],
  "POST /api/v1/me/password": ["read"],
  "POST /api/v1/users/[id]/reset-password": ["admin"],
  "GET /api/v1/users": ["admin"],
  "POST /api/v1/users": ["admin"],
  "PATCH /api/v1/users/[id]": ["admin"],
  "GET /api/v1/tokens": ["read"],
  "POST /api/v1/tokens": ["read"],
  "DELETE /api/v1/tokens/[id]": ["read"],
  "GET /api/v1/tokens/all": ["admin"],
  "GET /api/v1/events": ["read"],
  "POST /api/v1/events": ["events:write", "admin"],
  "GET /api/v1/events/[id]": ["read"],
  "GET /api/v1/event-types": ["read"],
  "POST /api/v1/event-types": ["admin"],
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
  "POST /api/v1/integrations/[id]/webhook/secret/reveal": ["admin"],
  "POST /api/v1/integrations/[id]/webhook/secret/rotate": ["admin"],
  "POST /api/v1/integrations/[id]/trigger": ["trigger"],
  "POST /api/v1/integrations/[id]/webhook/test": ["admin"],
  "GET /api/v1/executions": ["read"],
  "GET /api/v1/executions/[id]": ["read"],
  "POST /api/v1/executions/[id]/retry": ["trigger"],
  "GET /api/v1/executions/export": ["read"],
  "GET /api/v1/audit-log": ["admin"],
  "GET /api/v1/audit-log/export": ["admin"],
};

/** Server actions: "file#exportName" (as in the build's server reference manifest). */
export const ACTIONS: Record<string, Allowed> = {
  "components/users/actions.ts#createUserAction": ADMINS,
  "components/users/actions.ts#updateUserAction": ADMINS,
  "components/users/actions.ts#resetPasswordAction": ADMINS,
  "components/account/actions.ts#changePasswordAction": "signedIn",
  "components/tokens/actions.ts#createTokenAction": "signedIn",
  "components/tokens/actions.ts#revokeTokenAction": "signedIn",
  "components/executions/actions.ts#retryExecutionAction": TRIGGERERS,
  "components/executions/actions.ts#cancelRetriesAction": TRIGGERERS,
  "components/executions/actions.ts#bulkRetryAction": TRIGGERERS,
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
  "components/integrations/actions.ts#deleteWebhookConfigAction": ADMINS,
  "components/integrations/actions.ts#revealSigningSecretAction": ADMINS,
  "components/integrations/actions.ts#rotateSigningSecretAction": ADMINS,
  "components/integrations/actions.ts#sendTestWebhookAction": ADMINS,
};
