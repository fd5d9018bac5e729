/**
 * The operationId of each /api/v1 operation, by "method path": the names generated clients
 * give their functions, so they stay put when a summary is reworded. A new operation needs its
 * entry here (lib/api/openapi.test.ts fails otherwise).
 */
export const OPERATION_IDS: Record<string, string> = {
  "get /api/v1/me": "getMe",
  "post /api/v1/me/password": "changeOwnPassword",
  "get /api/v1/tokens/all": "listAllTokens",
  "post /api/v1/users/{id}/reset-password": "resetUserPassword",
  "post /api/v1/users/{id}/reset-two-factor": "resetUserTwoFactor",
  "get /api/v1/settings/security": "getSecuritySettings",
  "put /api/v1/settings/security": "updateSecuritySettings",
  "get /api/v1/tokens": "listTokens",
  "post /api/v1/tokens": "createToken",
  "delete /api/v1/tokens/{id}": "revokeToken",
  "get /api/v1/users": "listUsers",
  "post /api/v1/users": "createUser",
  "patch /api/v1/users/{id}": "updateUser",
  "delete /api/v1/users/{id}": "removeUser",
  "get /api/v1/members": "listMembers",
  "patch /api/v1/members/{id}": "updateMember",
  "delete /api/v1/members/{id}": "removeMember",
  "get /api/v1/invitations": "listInvitations",
  "post /api/v1/invitations": "inviteMember",
  "delete /api/v1/invitations/{id}": "revokeInvitation",
  "get /api/v1/integrations": "listIntegrations",
  "post /api/v1/integrations": "createIntegration",
  "get /api/v1/integrations/{id}": "getIntegration",
  "patch /api/v1/integrations/{id}": "updateIntegration",
  "delete /api/v1/integrations/{id}": "deleteIntegration",
  "get /api/v1/connector-types": "listConnectorTypes",
  "put /api/v1/integrations/{id}/alerts": "saveAlertSettings",
  "get /api/v1/integrations/{id}/webhook": "getWebhookConfig",
  "put /api/v1/integrations/{id}/webhook": "saveWebhookConfig",
  "delete /api/v1/integrations/{id}/webhook": "deleteWebhookConfig",
  "post /api/v1/integrations/{id}/webhook/secret/reveal": "revealSigningSecret",
  "post /api/v1/integrations/{id}/webhook/secret/rotate": "rotateSigningSecret",
  "get /api/v1/integrations/{id}/transformation": "getTransformation",
  "put /api/v1/integrations/{id}/transformation": "saveTransformation",
  "delete /api/v1/integrations/{id}/transformation": "removeTransformation",
  "post /api/v1/integrations/{id}/transformation/restore": "restoreTransformation",
  "post /api/v1/integrations/{id}/transformation/test": "testTransformation",
  "get /api/v1/subscriptions/{id}/transformation": "getSubscriptionTransformation",
  "put /api/v1/subscriptions/{id}/transformation": "saveSubscriptionTransformation",
  "delete /api/v1/subscriptions/{id}/transformation": "removeSubscriptionTransformation",
  "post /api/v1/subscriptions/{id}/transformation/restore": "restoreSubscriptionTransformation",
  "post /api/v1/subscriptions/{id}/transformation/test": "testSubscriptionTransformation",
  "get /api/v1/integrations/{id}/subscriptions": "listSubscriptions",
  "post /api/v1/integrations/{id}/subscriptions": "createSubscription",
  "get /api/v1/subscriptions/{id}": "getSubscription",
  "patch /api/v1/subscriptions/{id}": "updateSubscription",
  "post /api/v1/subscriptions/{id}/enable": "enableSubscription",
  "delete /api/v1/subscriptions/{id}": "deleteSubscription",
  "get /api/v1/events": "listEvents",
  "post /api/v1/events": "createEvent",
  "get /api/v1/events/{id}": "getEvent",
  "get /api/v1/event-types": "listEventTypes",
  "post /api/v1/event-types": "declareEventType",
  "get /api/v1/event-types/catalog": "getEventTypeCatalog",
  "get /api/v1/event-types/{name}": "getEventType",
  "patch /api/v1/event-types/{name}": "updateEventType",
  "get /api/v1/event-types/{name}/proposed-schema": "proposeEventTypeSchema",
  "post /api/v1/event-types/{name}/send-example": "sendEventTypeExample",
  "get /api/v1/settings/event-types": "getEventTypeSettings",
  "put /api/v1/settings/event-types": "updateEventTypeSettings",
  "post /api/v1/integrations/{id}/trigger": "triggerIntegration",
  "post /api/v1/integrations/{id}/webhook/test": "sendTestWebhook",
  "get /api/v1/executions": "listExecutions",
  "get /api/v1/executions/export": "exportExecutions",
  "get /api/v1/executions/state": "getDeliveryState",
  "get /api/v1/executions/{id}": "getExecution",
  "post /api/v1/executions/{id}/retry": "retryExecution",
  "post /api/v1/executions/{id}/cancel-retries": "cancelRetries",
  "post /api/v1/integrations/{id}/recover": "recoverDeliveries",
  "get /api/v1/integrations/{id}/recover": "listRecoveries",
  "get /api/v1/recoveries/{id}": "getRecovery",
  "post /api/v1/recoveries/{id}/cancel": "cancelRecovery",
  "post /api/v1/executions/bulk-retry": "bulkRetryExecutions",
  "get /api/v1/audit-log": "listAuditLog",
  "get /api/v1/audit-log/export": "exportAuditLog",
};

/** The operationId of an operation; a readable fallback for one not listed yet (the test catches it). */
export function operationIdOf(method: string, path: string): string {
  return (
    OPERATION_IDS[`${method} ${path}`] ??
    `${method}${path
      .replace(/\{(\w+)\}/g, "By-$1")
      .split(/[^A-Za-z0-9]+/)
      .filter((s) => s && s !== "api" && s !== "v1")
      .map((s) => s[0].toUpperCase() + s.slice(1))
      .join("")}`
  );
}
