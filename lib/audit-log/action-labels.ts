/**
 * What each audit action means, in words, for people reading the log: "webhook.config_changed" →
 * "Webhook settings changed". An action not listed reads as its code made into words.
 */
const ACTION_LABEL: Record<string, string> = {
  "api_token.created": "API token created",
  "api_token.revoked": "API token revoked",
  "auth.password_check_failed": "Wrong current password",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_in_refused": "Sign-in refused",
  "auth.signed_in": "Signed in",
  "event.created": "Event ingested",
  "event_type.declared": "Event type declared",
  "event_type.example_sent": "Event type example sent",
  "event_type.updated": "Event type contract changed",
  "executions.retention_purged": "Old executions removed",
  "integration.alerts_changed": "Failure alerts changed",
  "integration.created": "Integration created",
  "integration.deleted": "Integration deleted",
  "integration.updated": "Integration changed",
  "integration.recovery_started": "Recover started",
  "integration.recovery_cancelled": "Recover cancelled",
  "integration.recovery_completed": "Recover finished",
  "settings.updated": "Portal settings changed",
  "subscription.auto_disabled": "Subscription disabled by the portal",
  "subscription.created": "Subscription added",
  "subscription.deleted": "Subscription deleted",
  "subscription.updated": "Subscription changed",
  "transformation.saved": "Transformation saved",
  "transformation.restored": "Transformation restored",
  "transformation.removed": "Transformation removed",
  "user.active_changed": "User activated or deactivated",
  "user.created": "User created",
  "user.updated": "User changed",
  "user.password_changed": "Password changed",
  "user.password_reset": "Password reset by an admin",
  "user.permission_changed": "Permissions changed",
  "user.recovery_codes_renewed": "Recovery codes renewed",
  "user.two_factor_disabled": "Two-factor turned off",
  "user.two_factor_enabled": "Two-factor turned on",
  "user.two_factor_reset": "Two-factor reset by an admin",
  "webhook.bulk_retried": "Executions retried in bulk",
  "webhook.config_changed": "Webhook settings changed",
  "webhook.config_deleted": "Webhook removed",
  "webhook.retried": "Execution retried",
  "webhook.retries_cancelled": "Scheduled retries cancelled",
  "webhook.secret_revealed": "Signing secret revealed",
  "webhook.secret_rotated": "Signing secret rotated",
  "webhook.triggered": "Webhook triggered",
};

/** "integration.recovery_started" → "Recover started"; an unknown "foo.bar_baz" → "Foo: bar baz". */
export function actionLabel(action: string): string {
  const known = ACTION_LABEL[action];
  if (known) return known;
  const [subject, ...rest] = action.split(".");
  const words = (s: string) => s.replaceAll("_", " ");
  const text = rest.length ? `${words(subject)}: ${words(rest.join("."))}` : words(subject);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
