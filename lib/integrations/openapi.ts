import { pageOf, type ApiOperation } from "@/lib/api/operations";
import { createIntegrationInput, listIntegrationsQuery, updateIntegrationInput, webhookConfigInput } from "./schemas";
import { integrationDetailView, integrationListItemView, integrationView, revealedSecretView, webhookConfigView } from "./views";

const INTEGRATION = "/api/v1/integrations/{id}";
const WEBHOOK = `${INTEGRATION}/webhook`;
const readErrors = { 401: "Not signed in and no valid API token", 404: "No such integration" };
const changeErrors = { ...readErrors, 403: "Only admins manage integrations" };

export const integrationOperations: ApiOperation[] = [
  {
    method: "get", path: "/api/v1/integrations", tag: "Integrations", permission: "portal.read",
    summary: "List integrations", description: "Newest first. `q` keeps those whose name contains it (case-insensitive).",
    query: listIntegrationsQuery, response: pageOf(integrationListItemView),
    responses: { 200: "A page of integrations", 401: readErrors[401], 422: "A query parameter is not valid" },
  },
  {
    method: "post", path: "/api/v1/integrations", tag: "Integrations", permission: "integrations.manage",
    summary: "Create an integration", description: "Without a slug, one is derived from the name.",
    request: createIntegrationInput, response: integrationView,
    responses: { 201: "The new integration", 401: readErrors[401], 403: changeErrors[403], 409: "The slug is in use (fieldErrors.slug)", 422: "A field is not valid" },
  },
  {
    method: "get", path: INTEGRATION, tag: "Integrations", permission: "portal.read",
    summary: "Get an integration", description: "With its webhook configuration (no secrets) and its last execution.",
    response: integrationDetailView, responses: { 200: "The integration", ...readErrors },
  },
  {
    method: "patch", path: INTEGRATION, tag: "Integrations", permission: "integrations.manage",
    summary: "Change an integration", request: updateIntegrationInput, response: integrationView,
    responses: { 200: "The integration as changed", ...changeErrors, 409: "The slug is in use (fieldErrors.slug)", 422: "A field is not valid" },
  },
  {
    method: "delete", path: INTEGRATION, tag: "Integrations", permission: "integrations.manage",
    summary: "Delete an integration", description: "Deletes its webhook configuration too. Its execution history stays readable.",
    responses: { 204: "Deleted", ...changeErrors },
  },
  {
    method: "get", path: WEBHOOK, tag: "Webhooks", permission: "portal.read",
    summary: "Get the webhook configuration", description: "Never returns the bearer token or the signing secrets: only whether a token is set and its last 4 characters.",
    response: webhookConfigView, responses: { 200: "The configuration", ...readErrors, 404: "No such integration, or it has no webhook configuration" },
  },
  {
    method: "put", path: WEBHOOK, tag: "Webhooks", permission: "integrations.manage",
    summary: "Create or replace the webhook configuration",
    description:
      "The URL must use https and resolve to public addresses; others are refused (422, fieldErrors.url) unless an operator lists the host in PORTAL_WEBHOOK_ALLOWED_HOSTS. An absent bearerToken keeps the stored one, null removes it. A new configuration gets a generated signing secret.",
    request: webhookConfigInput, response: webhookConfigView,
    responses: { 200: "The configuration as saved", ...changeErrors, 422: "A field is not valid or the URL is refused" },
  },
  {
    method: "delete", path: WEBHOOK, tag: "Webhooks", permission: "integrations.manage",
    summary: "Delete the webhook configuration", description: "With its bearer token and signing secrets. The integration stays.",
    responses: { 204: "Deleted", ...changeErrors, 404: "No such integration, or it has no webhook configuration" },
  },
  {
    method: "post", path: `${WEBHOOK}/secret/reveal`, tag: "Webhooks", permission: "integrations.manage",
    summary: "Reveal the signing secret", description: "For setting up signature verification at the receiver. Each reveal is recorded in the audit log.",
    response: revealedSecretView, responses: { 200: "The secret, and the previous one while it still signs", ...changeErrors },
  },
  {
    method: "post", path: `${WEBHOOK}/secret/rotate`, tag: "Webhooks", permission: "integrations.manage",
    summary: "Rotate the signing secret", description: "Generates a new secret. The replaced one keeps signing, besides the new one, for 24 hours.",
    response: webhookConfigView, responses: { 200: "The configuration with its rotation state", ...changeErrors },
  },
];
