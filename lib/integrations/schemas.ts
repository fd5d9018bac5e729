import { z } from "zod";
import { singleLine, text } from "@/lib/validation";
import { pageParams } from "@/lib/pagination";
import {
  CONNECTOR_TYPE_INFO,
  CONNECTOR_TYPES,
  DEFAULT_MODE_BODIES,
  HTTP_METHODS,
  SIGNATURE_STYLES,
  type ConnectorType,
} from "@/lib/webhooks/connector-types";
import { customHeaderNameProblem, customHeaderValueProblem, MAX_CUSTOM_HEADERS } from "@/lib/webhooks/custom-headers";

/** The platforms an integration can belong to; `custom` is any other endpoint. */
export const PLATFORMS = ["n8n", "zapier", "make", "power-automate", "tines", "custom", "slack", "discord", "teams"] as const;
export const platform = z.enum(PLATFORMS, { error: "Choose a platform" });
export type Platform = z.infer<typeof platform>;

export const connectorType = z.enum(CONNECTOR_TYPES, { error: `Use one of: ${CONNECTOR_TYPES.join(", ")}` });

/** Chat platforms have a connector type of their own, and only that one. */
const CHAT_PLATFORMS: readonly Platform[] = ["slack", "discord", "teams"];

/**
 * The platform and connector type of an integration, either given or implied by the other:
 * Slack, Discord, Teams and Zapier connectors are on their own platform; a standard connector
 * is on any workflow platform (n8n, Make, Zapier…). Without a connector type, Zapier and the chat
 * platforms get their own, the rest the standard envelope.
 */
export function resolveConnector(given: {
  platform?: Platform;
  connectorType?: ConnectorType;
}): { ok: true; platform: Platform; connectorType: ConnectorType } | { ok: false; field: "platform" | "connectorType"; message: string } {
  const type =
    given.connectorType ??
    (given.platform === "zapier" || (given.platform && CHAT_PLATFORMS.includes(given.platform))
      ? (given.platform as ConnectorType)
      : given.platform
        ? "standard"
        : undefined);
  if (!type) return { ok: false, field: "platform", message: "Choose a platform" };
  if (type === "standard") {
    if (!given.platform) return { ok: false, field: "platform", message: "Choose a platform" };
    if (CHAT_PLATFORMS.includes(given.platform)) {
      return {
        ok: false,
        field: "connectorType",
        message: `A ${CONNECTOR_TYPE_INFO[given.platform as ConnectorType].label} integration uses the ${given.platform} connector type`,
      };
    }
    return { ok: true, platform: given.platform, connectorType: type };
  }
  if (given.platform && given.platform !== type) {
    return { ok: false, field: "platform", message: `A ${CONNECTOR_TYPE_INFO[type].label} connector's platform is ${type}` };
  }
  return { ok: true, platform: type, connectorType: type };
}

export const slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter a slug")
  .max(64, "Use at most 64 characters")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens");

const name = singleLine().min(1, "Enter a name").max(100, "Use at most 100 characters");
const description = text().trim().max(1000, "Use at most 1000 characters");
/** Empty means "none": the form sends "" for a field left blank. */
const blankAsAbsent = <S extends z.ZodType>(schema: S) => schema.optional().or(z.literal("").transform(() => undefined));

export const createIntegrationInput = z
  .object({
    name,
    /** Optional for a Slack, Discord, Teams or Zapier connector (it is that platform). */
    platform: platform.optional(),
    connectorType: connectorType.optional(),
    description: description.default(""),
    /** Absent or empty: derived from the name. */
    slug: blankAsAbsent(slug),
  })
  .transform((data, ctx) => {
    const resolved = resolveConnector(data);
    if (!resolved.ok) {
      ctx.addIssue({ code: "custom", path: [resolved.field], message: resolved.message });
      return z.NEVER;
    }
    return { ...data, platform: resolved.platform, connectorType: resolved.connectorType };
  });
export type CreateIntegrationInput = z.input<typeof createIntegrationInput>;

export const updateIntegrationInput = z
  .object({
    name: name.optional(),
    platform: platform.optional(),
    connectorType: connectorType.optional(),
    description: description.optional(),
    slug: slug.optional(),
  })
  .strict();
export type UpdateIntegrationInput = z.input<typeof updateIntegrationInput>;

export const listIntegrationsQuery = pageParams.extend({
  q: text().trim().max(100).optional(),
});
export type ListIntegrationsQuery = z.input<typeof listIntegrationsQuery>;

export const MIN_TIMEOUT_SECONDS = 1;
export const MAX_TIMEOUT_SECONDS = 30;
export const DEFAULT_TIMEOUT_SECONDS = 10;
export const MAX_IN_FLIGHT = 200;

/** Printable ASCII without spaces: it is sent in an Authorization header. */
const bearerToken = z
  .string()
  .trim()
  .min(8, "Use at least 8 characters")
  .max(4096, "Use at most 4096 characters")
  .regex(/^[\x21-\x7e]+$/, "Use printable characters without spaces");

const headerName = z
  .string()
  .trim()
  .superRefine((name, ctx) => {
    const problem = customHeaderNameProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
const headerValue = z.string().superRefine((value, ctx) => {
  const problem = customHeaderValueProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/**
 * Custom headers, write-only: a header given without a value keeps its stored value (the form
 * never has it); one left out is removed.
 */
export const customHeadersInput = z
  .array(z.object({ name: headerName, value: headerValue.optional().or(z.literal("").transform(() => undefined)) }))
  .max(MAX_CUSTOM_HEADERS, `Use at most ${MAX_CUSTOM_HEADERS} headers`)
  .superRefine((headers, ctx) => {
    const seen = new Set<string>();
    headers.forEach((h, i) => {
      const key = h.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `${h.name} is listed twice` });
      seen.add(key);
    });
  });

/**
 * A webhook URL, stored and shown as it will be requested: the WHATWG form every HTTP client here
 * reads it in, so `http://127.0.0.1:4101\@evil.example/h` is kept as `http://127.0.0.1:4101/@evil.example/h`,
 * `http://2130706433/` as `http://127.0.0.1/` and full-width or circled letters as their plain form.
 */
const webhookUrl = text()
  .trim()
  .min(1, "Enter the URL")
  .max(2048, "Use at most 2048 characters")
  .pipe(z.url("Enter a full URL such as https://example.com/webhook"))
  .transform((url) => new URL(url).href);

const MAX_PEM_CHARACTERS = 65_536;
const pem = (what: string) =>
  z
    .string({ error: `Paste the ${what} in PEM` })
    .trim()
    .min(1, `Paste the ${what} in PEM`)
    .max(MAX_PEM_CHARACTERS, `Use at most ${MAX_PEM_CHARACTERS} characters`);

/** A client certificate and its key, set together; the verb checks that they belong together and are valid now. */
export const clientCertificateInput = z.object({ cert: pem("certificate"), key: pem("private key") });

export const webhookConfigInput = z.object({
  /** Absent (or empty) keeps the stored URL where the URL is a secret (chat and Zapier connectors). */
  url: blankAsAbsent(webhookUrl),
  signatureStyle: z.enum(SIGNATURE_STYLES, { error: `Use one of: ${SIGNATURE_STYLES.join(", ")}` }).default("standard-webhooks"),
  method: z.enum(HTTP_METHODS, { error: "Use POST or PUT" }).default("POST"),
  /** What a default-mode send carries (standard connector type only). */
  defaultModeBody: z
    .enum(DEFAULT_MODE_BODIES, { error: 'Use "empty" or "empty-object"' })
    .default("empty")
    .describe('Default mode: "empty" sends no body, "empty-object" sends {} (for verifiers that refuse an empty body)'),
  /** Absent keeps the stored headers. */
  headers: customHeadersInput.optional(),
  /** Send a W3C traceparent with each request (standard connector type only; while traces are exported). */
  sendTraceparent: z
    .boolean({ error: "Use true or false" })
    .default(false)
    .describe("Send a W3C traceparent header naming the send's span, while the portal exports OpenTelemetry traces"),
  /** Absent (or empty) keeps the stored token, null removes it, a string replaces it. */
  bearerToken: blankAsAbsent(bearerToken).nullable(),
  /** Mutual TLS. Absent keeps the stored certificate and key, null removes them, an object replaces both. */
  clientCertificate: clientCertificateInput.nullable().optional(),
  /** PEM CA certificates trusted for this receiver only. Absent keeps them; null or "" removes them. */
  receiverCa: z
    .string()
    .trim()
    .max(4 * MAX_PEM_CHARACTERS, `Use at most ${4 * MAX_PEM_CHARACTERS} characters`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional(),
  enabled: z.boolean(),
  timeoutSeconds: z
    .number({ error: `Enter a number of seconds from ${MIN_TIMEOUT_SECONDS} to ${MAX_TIMEOUT_SECONDS}` })
    .int("Use whole seconds")
    .min(MIN_TIMEOUT_SECONDS, `Use at least ${MIN_TIMEOUT_SECONDS} second`)
    .max(MAX_TIMEOUT_SECONDS, `Use at most ${MAX_TIMEOUT_SECONDS} seconds`)
    .default(DEFAULT_TIMEOUT_SECONDS),
  description: text().trim().max(500, "Use at most 500 characters").default(""),
  /** Automatic deliveries per second at most; null or absent: no limit. */
  maxPerSecond: z
    .number({ error: "Enter deliveries per second, e.g. 1 (or leave it empty for no limit)" })
    .min(0.01, "Use at least 0.01 (one delivery every 100 seconds)")
    .max(1000, "Use at most 1000")
    .nullable()
    .default(null),
  /** Deliveries in flight at once at most; null or absent: only the worker's own share. */
  maxInFlight: z
    .number({ error: "Enter a number of deliveries, e.g. 4 (or leave it empty for no limit)" })
    .int("Use a whole number")
    .min(1, "Use at least 1")
    .max(MAX_IN_FLIGHT, `Use at most ${MAX_IN_FLIGHT}`)
    .nullable()
    .default(null),
});
export type WebhookConfigInput = z.input<typeof webhookConfigInput>;

/** Failure alerts of an integration, sent through another integration (e.g. a Slack channel). */
export const alertSettingsInput = z
  .object({
    /** The integration alerts are sent through; null (or "", the form's "No alerts"): none. */
    alertIntegrationId: z
      .uuid("Choose an integration")
      .nullable()
      .or(z.literal("").transform(() => null)),
    alertOnDisable: z.boolean().default(false),
    /** Alert when this many deliveries failed within the window; null: no threshold alert. */
    alertFailureThreshold: z
      .number({ error: "Enter a number of failures, or leave it empty" })
      .int("Use a whole number")
      .min(1, "Use at least 1")
      .max(100_000, "Use at most 100000")
      .nullable()
      .default(null),
    alertWindowMinutes: z
      .number({ error: "Enter minutes" })
      .int("Use whole minutes")
      .min(1, "Use at least 1 minute")
      .max(1440, "Use at most 1440 minutes (a day)")
      .default(60),
  })
  .strict();
export type AlertSettingsInput = z.input<typeof alertSettingsInput>;
