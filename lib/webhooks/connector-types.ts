/**
 * What each connector type sends and how an admin configures it: one declaration read by the
 * API (`GET /api/v1/connector-types`), the webhook form, the validation and the README.
 * No database, no React.
 */

export const CONNECTOR_TYPES = ["standard", "slack", "discord", "teams", "zapier"] as const;
export type ConnectorType = (typeof CONNECTOR_TYPES)[number];

export const SIGNATURE_STYLES = ["standard-webhooks", "x-webhook-signature", "github"] as const;
export type SignatureStyle = (typeof SIGNATURE_STYLES)[number];

export const HTTP_METHODS = ["POST", "PUT"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** What a default-mode delivery carries: nothing, or an empty JSON object for verifiers that refuse an empty body. */
export const DEFAULT_MODE_BODIES = ["empty", "empty-object"] as const;
export type DefaultModeBody = (typeof DEFAULT_MODE_BODIES)[number];

export type ConnectorFieldType = "url" | "secret" | "select" | "number" | "boolean" | "text" | "headers" | "certificate";

export interface ConnectorField {
  key:
    | "url"
    | "bearerToken"
    | "signatureStyle"
    | "method"
    | "defaultModeBody"
    | "headers"
    | "clientCertificate"
    | "receiverCa"
    | "sendTraceparent"
    | "timeoutSeconds"
    | "maxPerSecond"
    | "description"
    | "enabled";
  type: ConnectorFieldType;
  label: string;
  required: boolean;
  /** Write-only after saving: stored encrypted, answered masked. */
  sensitive: boolean;
  default?: string | number | boolean | null;
  /** For `select` fields. */
  options?: { value: string; label: string }[];
  placeholder?: string;
  help?: string;
}

export interface ConnectorTypeInfo {
  type: ConnectorType;
  label: string;
  description: string;
  setupSteps: string[];
  documentationUrl: string;
  /** The URL carries the receiver's secret (Slack, Discord, Teams, Zapier): kept like a token. */
  urlIsSecret: boolean;
  fields: ConnectorField[];
}

const SIGNATURE_STYLE_OPTIONS: { value: SignatureStyle; label: string }[] = [
  { value: "standard-webhooks", label: "Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)" },
  { value: "x-webhook-signature", label: "X-Webhook-Signature: sha256=<hex HMAC of the body>" },
  { value: "github", label: "GitHub style (X-Hub-Signature-256)" },
];

const common = (suggestedPerSecond: number | null): ConnectorField[] => [
  {
    key: "timeoutSeconds",
    type: "number",
    label: "Timeout (seconds)",
    required: true,
    sensitive: false,
    default: 10,
    help: "From 1 to 30. A slower answer counts as a failure.",
  },
  {
    key: "maxPerSecond",
    type: "number",
    label: "Automatic deliveries per second, at most",
    required: false,
    sensitive: false,
    default: suggestedPerSecond,
    help: suggestedPerSecond
      ? `This platform accepts about ${suggestedPerSecond} message${suggestedPerSecond === 1 ? "" : "s"} a second per webhook; more wait in the queue instead of failing.`
      : "Empty: no limit. Deliveries above it wait in the queue instead of failing.",
  },
  {
    key: "description",
    type: "text",
    label: "Description",
    required: false,
    sensitive: false,
    default: "",
    help: "E.g. which workflow or channel receives it, and who owns it.",
  },
  {
    key: "enabled",
    type: "boolean",
    label: "Enabled",
    required: true,
    sensitive: false,
    default: true,
    help: "A disabled webhook keeps its configuration but sends nothing.",
  },
];

const secretUrl = (placeholder: string, help: string): ConnectorField => ({
  key: "url",
  type: "url",
  label: "Webhook URL",
  required: true,
  sensitive: true,
  placeholder,
  help: `${help} The URL is its secret: stored encrypted and shown masked after saving.`,
});

export const CONNECTOR_TYPE_INFO: Record<ConnectorType, ConnectorTypeInfo> = {
  standard: {
    type: "standard",
    label: "Standard webhook",
    description: "The Standard Webhooks JSON envelope, signed. For n8n, Make, Power Automate, Tines and custom endpoints.",
    setupSteps: [
      "Create a webhook trigger in the receiving tool (n8n: Webhook node; Make: Custom webhook; Power Automate: When an HTTP request is received).",
      "Copy its URL here, and a bearer token if the tool checks one.",
      "After saving, reveal the signing secret and verify the signature in the receiver.",
    ],
    documentationUrl: "https://www.standardwebhooks.com/",
    urlIsSecret: false,
    fields: [
      {
        key: "url",
        type: "url",
        label: "URL",
        required: true,
        sensitive: false,
        placeholder: "https://automation.example.com/webhook/…",
        help: "https:// on a public address. Internal addresses and plain http need PORTAL_WEBHOOK_ALLOWED_HOSTS.",
      },
      {
        key: "bearerToken",
        type: "secret",
        label: "Bearer token",
        required: false,
        sensitive: true,
        help: "Sent as Authorization: Bearer …. Stored encrypted; after saving, only its last 4 characters are shown.",
      },
      {
        key: "signatureStyle",
        type: "select",
        label: "Signature style",
        required: true,
        sensitive: false,
        default: "standard-webhooks",
        options: SIGNATURE_STYLE_OPTIONS,
        help: "How the receiver checks that a request comes from this portal.",
      },
      {
        key: "method",
        type: "select",
        label: "HTTP method",
        required: true,
        sensitive: false,
        default: "POST",
        options: HTTP_METHODS.map((m) => ({ value: m, label: m })),
      },
      {
        key: "defaultModeBody",
        type: "select",
        label: "Body of a default-mode send",
        required: true,
        sensitive: false,
        default: "empty",
        options: [
          { value: "empty", label: "Nothing (an empty body, signed as the empty string)" },
          { value: "empty-object", label: "{} (an empty JSON object)" },
        ],
        help: "Some verifiers (the svix package's) refuse an empty body: choose {} for them. Event mode always sends the event.",
      },
      {
        key: "headers",
        type: "headers",
        label: "Custom headers",
        required: false,
        sensitive: true,
        default: null,
        help: "Sent with every request. Values are write-only, like the bearer token.",
      },
      {
        key: "clientCertificate",
        type: "certificate",
        label: "Client certificate (mutual TLS)",
        required: false,
        sensitive: true,
        default: null,
        help: "For receivers that ask for one: the certificate (PEM, chain allowed) and its unencrypted private key. The key is stored encrypted and never shown; the certificate's expiry is shown and warned about 30 days ahead.",
      },
      {
        key: "receiverCa",
        type: "text",
        label: "CA certificates for this receiver",
        required: false,
        sensitive: false,
        default: null,
        help: "PEM certificates trusted for this receiver only, besides the system roots (for a receiver behind a private CA).",
      },
      {
        key: "sendTraceparent",
        type: "boolean",
        label: "Send traceparent",
        required: false,
        sensitive: false,
        default: false,
        help: "Adds a W3C traceparent header naming this send's span, so the receiver's own trace continues the portal's. Sent only while the portal exports OpenTelemetry traces (OTEL_EXPORTER_OTLP_ENDPOINT).",
      },
      ...common(null),
    ],
  },
  slack: {
    type: "slack",
    label: "Slack",
    description: "A Block Kit message in a Slack channel, through an incoming webhook.",
    setupSteps: [
      "At api.slack.com/apps, create an app (From scratch) in your workspace.",
      "Under Features → Incoming Webhooks, turn them on and press Add New Webhook to Workspace.",
      "Pick the channel, allow, and copy the URL (https://hooks.slack.com/services/…) here.",
    ],
    documentationUrl: "https://api.slack.com/messaging/webhooks",
    urlIsSecret: true,
    fields: [secretUrl("https://hooks.slack.com/services/T…/B…/…", "Slack's incoming webhook URL."), ...common(1)],
  },
  discord: {
    type: "discord",
    label: "Discord",
    description: "An embed in a Discord channel, through a channel webhook. Mentions never ping.",
    setupSteps: [
      "In Discord, open the channel's settings (Edit Channel) → Integrations → Webhooks.",
      "Press New Webhook, name it, and press Copy Webhook URL.",
      "Paste the URL (https://discord.com/api/webhooks/…) here.",
    ],
    documentationUrl: "https://support.discord.com/hc/en-us/articles/228383668-Intro-to-Webhooks",
    urlIsSecret: true,
    fields: [secretUrl("https://discord.com/api/webhooks/…/…", "Discord's channel webhook URL."), ...common(0.5)],
  },
  teams: {
    type: "teams",
    label: "Microsoft Teams",
    description: "An Adaptive Card in a Teams channel, through a Workflows webhook.",
    setupSteps: [
      "In Teams, open the channel's ⋯ menu → Workflows.",
      "Choose the template “Post to a channel when a webhook request is received”, pick the team and channel.",
      "Copy the URL the workflow shows (…/workflows/…/triggers/manual/paths/invoke?…&sig=…) here.",
    ],
    documentationUrl:
      "https://support.microsoft.com/en-us/office/create-incoming-webhooks-with-workflows-for-microsoft-teams-8ae491c7-0394-4861-ba59-055e33f75498",
    urlIsSecret: true,
    fields: [
      secretUrl("https://….logic.azure.com/workflows/…/triggers/manual/paths/invoke?…&sig=…", "The Workflows webhook URL."),
      ...common(1),
    ],
  },
  zapier: {
    type: "zapier",
    label: "Zapier",
    description: "Flat JSON (nested keys joined with __) for a Zap's Catch Hook trigger: the same keys every time.",
    setupSteps: [
      "In Zapier, create a Zap with the trigger Webhooks by Zapier → Catch Hook.",
      "Copy the webhook URL (https://hooks.zapier.com/hooks/catch/…/…/) here.",
      "Send a test from this portal, then in Zapier press Test trigger to map the fields.",
    ],
    documentationUrl: "https://help.zapier.com/hc/en-us/articles/8496288690317-Trigger-Zaps-from-webhooks",
    urlIsSecret: true,
    fields: [secretUrl("https://hooks.zapier.com/hooks/catch/…/…/", "The Catch Hook URL."), ...common(null)],
  },
};

export const connectorTypeInfo = (type: ConnectorType): ConnectorTypeInfo => CONNECTOR_TYPE_INFO[type];

/** Whether a connector type offers a field (the others are not stored for it, or ignored). */
export const hasField = (type: ConnectorType, key: ConnectorField["key"]) => CONNECTOR_TYPE_INFO[type].fields.some((f) => f.key === key);
