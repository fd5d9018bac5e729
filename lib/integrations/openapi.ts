import { z } from "zod";
import { pageOf, type ApiOperation } from "@/lib/api/operations";
import { CONNECTOR_TYPES } from "@/lib/webhooks/connector-types";
import { alertSettingsInput, createIntegrationInput, listIntegrationsQuery, updateIntegrationInput, webhookConfigInput } from "./schemas";
import {
  alertSettingsView,
  integrationDetailView,
  integrationListItemView,
  integrationView,
  revealedSecretView,
  webhookConfigView,
} from "./views";

const INTEGRATION = "/api/v1/integrations/{id}";
const WEBHOOK = `${INTEGRATION}/webhook`;
const readErrors = { 401: "Not signed in and no valid API token", 404: "No such integration" };
const changeErrors = { ...readErrors, 403: "Only admins manage integrations" };

const connectorTypeView = z.object({
  type: z.enum(CONNECTOR_TYPES),
  label: z.string(),
  description: z.string(),
  setupSteps: z.array(z.string()).describe("Where to create the incoming webhook on the platform, step by step"),
  documentationUrl: z.url(),
  urlIsSecret: z.boolean().describe("The webhook URL carries the receiver's secret: write-only, stored encrypted, shown masked"),
  fields: z.array(
    z.object({
      key: z.string().describe("The field of PUT /api/v1/integrations/{id}/webhook"),
      type: z.enum(["url", "secret", "select", "number", "boolean", "text", "headers", "certificate"]),
      label: z.string(),
      required: z.boolean(),
      sensitive: z.boolean().describe("Write-only: answered masked after saving"),
      default: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
      options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
      placeholder: z.string().optional(),
      help: z.string().optional(),
    }),
  ),
  usage: z.object({
    used: z.number().int(),
    limit: z.number().int().nullable().describe("The most the workspace's plan allows; 0: not in the plan; null: no limit"),
    full: z.string().nullable().describe("Why one more cannot be created now (not in the plan, this type's limit or the total), or null"),
  }),
});

export const integrationOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/connector-types",
    tag: "Integrations",
    permission: "portal.read",
    summary: "List connector types",
    description:
      "What each connector type sends (Standard Webhooks envelope, Slack Block Kit, Discord embed, Teams Adaptive Card, Zapier flat JSON), its setup steps and configuration fields, and how many more integrations of it the workspace's plan allows.",
    response: z.object({ data: z.array(connectorTypeView) }),
    responses: { 200: "The connector types", 401: readErrors[401] },
  },
  {
    method: "get",
    path: "/api/v1/integrations",
    tag: "Integrations",
    permission: "portal.read",
    summary: "List integrations",
    description: "Newest first. `q` keeps those whose name contains it (case-insensitive).",
    query: listIntegrationsQuery,
    response: pageOf(integrationListItemView),
    responses: { 200: "A page of integrations", 401: readErrors[401], 422: "A query parameter is not valid" },
  },
  {
    method: "post",
    path: "/api/v1/integrations",
    tag: "Integrations",
    permission: "integrations.manage",
    summary: "Create an integration",
    description:
      "Without a slug, one is derived from the name. `connectorType` decides what is sent (default: `zapier` for the Zapier platform, the chat platform's own for Slack, Discord and Teams, otherwise `standard`); a Slack, Discord, Teams or Zapier connector needs no `platform`. Either `platform` or `connectorType` is required. Limits are the workspace's plan's: a connector type the plan leaves out answers 403 `plan_required`, naming the cheapest plan that includes it (fieldErrors.connectorType); beyond the plan's limits, 403 `limit_reached`. On a plan with one integration per connector type, creating a second one of a type that exists updates the existing one (name, platform, description, and slug when given) and answers it with 200.",
    // A platform, or a connector type that implies it: beside the name, what a client must send.
    request: z.union([createIntegrationInput.in.required({ platform: true }), createIntegrationInput.in.required({ connectorType: true })]),
    response: integrationView,
    responses: {
      200: "One integration per connector type: the existing integration of that type, updated",
      201: "The new integration",
      401: readErrors[401],
      403: "Only admins manage integrations; `plan_required` (the plan leaves the connector type out) or `limit_reached`, with the limit in the message",
      409: "The slug is in use (fieldErrors.slug)",
      422: "A field is not valid",
    },
  },
  {
    method: "get",
    path: INTEGRATION,
    tag: "Integrations",
    permission: "portal.read",
    summary: "Get an integration",
    description: "With its webhook configuration (no secrets) and its last execution.",
    response: integrationDetailView,
    responses: { 200: "The integration", ...readErrors },
  },
  {
    method: "patch",
    path: INTEGRATION,
    tag: "Integrations",
    permission: "integrations.manage",
    summary: "Change an integration",
    description:
      "A new `connectorType` counts against the workspace plan's limits (403 `plan_required` or `limit_reached`); the webhook URL is then stored the way the new type keeps it.",
    request: updateIntegrationInput,
    response: integrationView,
    responses: {
      200: "The integration as changed",
      ...changeErrors,
      403: "Only admins manage integrations; or `plan_required`, or `limit_reached`",
      409: "The slug is in use (fieldErrors.slug)",
      422: "A field is not valid",
    },
  },
  {
    method: "delete",
    path: INTEGRATION,
    tag: "Integrations",
    permission: "integrations.manage",
    summary: "Delete an integration",
    description: "Deletes its webhook configuration too. Its execution history stays readable.",
    responses: { 204: "Deleted", ...changeErrors },
  },
  {
    method: "put",
    path: `${INTEGRATION}/alerts`,
    tag: "Integrations",
    permission: "integrations.manage",
    summary: "Set failure alerts",
    description:
      "Alerts about this integration go through another integration (a Slack channel, say), in that integration's format, recorded as `alert` executions: when its delivery policy disables a subscription (`alertOnDisable`), and when `alertFailureThreshold` deliveries failed within `alertWindowMinutes` (at most one alert per window). Tests and alerts do not count.",
    request: alertSettingsInput,
    response: alertSettingsView,
    responses: {
      200: "The settings as saved",
      ...changeErrors,
      422: "A field is not valid (the integration itself, or an unknown one, as alertIntegrationId)",
    },
  },
  {
    method: "get",
    path: WEBHOOK,
    tag: "Webhooks",
    permission: "portal.read",
    summary: "Get the webhook configuration",
    description: "Never returns the bearer token or the signing secrets: only whether a token is set and its last 4 characters.",
    response: webhookConfigView,
    responses: { 200: "The configuration", ...readErrors, 404: "No such integration, or it has no webhook configuration" },
  },
  {
    method: "put",
    path: WEBHOOK,
    tag: "Webhooks",
    permission: "integrations.manage",
    summary: "Create or replace the webhook configuration",
    description:
      "The URL must use https and resolve to public addresses; others are refused (422, fieldErrors.url) unless an operator lists the host in PORTAL_WEBHOOK_ALLOWED_HOSTS. For Slack, Discord, Teams and Zapier the URL is a secret: stored encrypted, answered masked, and an absent `url` keeps the stored one. An absent bearerToken keeps the stored one, null removes it. `signatureStyle`, `method`, `bearerToken` and `headers` are for the standard connector type only (422 otherwise). `headers` replaces the custom headers: an entry without a value keeps that header's stored value. A new configuration gets a generated signing secret.",
    request: webhookConfigInput,
    response: webhookConfigView,
    responses: { 200: "The configuration as saved", ...changeErrors, 422: "A field is not valid or the URL is refused" },
  },
  {
    method: "delete",
    path: WEBHOOK,
    tag: "Webhooks",
    permission: "integrations.manage",
    summary: "Delete the webhook configuration",
    description: "With its bearer token and signing secrets. The integration stays.",
    responses: { 204: "Deleted", ...changeErrors, 404: "No such integration, or it has no webhook configuration" },
  },
  {
    method: "post",
    path: `${WEBHOOK}/secret/reveal`,
    tag: "Webhooks",
    permission: "integrations.manage",
    summary: "Reveal the signing secret",
    description: "For setting up signature verification at the receiver. Each reveal is recorded in the audit log.",
    response: revealedSecretView,
    responses: { 200: "The secret, and the previous one while it still signs", ...changeErrors },
  },
  {
    method: "post",
    path: `${WEBHOOK}/secret/rotate`,
    tag: "Webhooks",
    permission: "integrations.manage",
    summary: "Rotate the signing secret",
    description: "Generates a new secret. The replaced one keeps signing, besides the new one, for 24 hours.",
    response: webhookConfigView,
    responses: { 200: "The configuration with its rotation state", ...changeErrors },
  },
];
