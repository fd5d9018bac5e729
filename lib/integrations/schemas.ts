import { z } from "zod";
import { text } from "@/lib/validation";
import { pageParams } from "@/lib/pagination";

/** The automation platforms an integration can belong to; `custom` is any other endpoint. */
export const PLATFORMS = ["n8n", "zapier", "make", "power-automate", "tines", "custom"] as const;
export const platform = z.enum(PLATFORMS, { error: "Choose a platform" });
export type Platform = z.infer<typeof platform>;

export const slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter a slug")
  .max(64, "Use at most 64 characters")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens");

const name = text().trim().min(1, "Enter a name").max(100, "Use at most 100 characters");
const description = text().trim().max(1000, "Use at most 1000 characters");
/** Empty means "none": the form sends "" for a field left blank. */
const blankAsAbsent = <S extends z.ZodType>(schema: S) => schema.optional().or(z.literal("").transform(() => undefined));

export const createIntegrationInput = z.object({
  name,
  platform,
  description: description.default(""),
  /** Absent or empty: derived from the name. */
  slug: blankAsAbsent(slug),
});
export type CreateIntegrationInput = z.input<typeof createIntegrationInput>;

export const updateIntegrationInput = z
  .object({ name: name.optional(), platform: platform.optional(), description: description.optional(), slug: slug.optional() })
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

export const webhookConfigInput = z.object({
  url: text().trim().min(1, "Enter the URL").max(2048, "Use at most 2048 characters").pipe(z.url("Enter a full URL such as https://example.com/webhook")),
  /** Absent (or empty) keeps the stored token, null removes it, a string replaces it. */
  bearerToken: blankAsAbsent(bearerToken).nullable(),
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
