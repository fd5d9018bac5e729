import { z } from "zod";
import { eventType } from "@/lib/events/schemas";
import { text } from "@/lib/validation";

export const VALIDATION_MODES = ["off", "flag", "enforce"] as const;
export type ValidationMode = (typeof VALIDATION_MODES)[number];

export const VALIDATION_MODE_LABEL: Record<ValidationMode, string> = {
  off: "Off: details are not checked",
  flag: "Flag: events that do not fit are stored and marked, with the errors",
  enforce: "Enforce: events that do not fit are refused (422); nothing is stored or delivered",
};

export const UNKNOWN_TYPE_POLICIES = ["accept", "refuse"] as const;
export type UnknownTypePolicy = (typeof UNKNOWN_TYPE_POLICIES)[number];

const description = text().trim().max(500, "Use at most 500 characters");

export const declareEventTypeInput = z
  .object({
    name: eventType,
    description: description.default(""),
  })
  .strict();
export type DeclareEventTypeInput = z.input<typeof declareEventTypeInput>;

/** A JSON Schema as sent: checked against the 2020-12 meta-schema by the verb (lib/event-types/contract/validator.ts). */
const jsonSchemaInput = z.record(z.string(), z.unknown(), "Send the schema as a JSON object").pipe(z.record(z.string(), z.json()));

export const updateEventTypeInput = z
  .object({
    description: description.optional(),
    validation: z.enum(VALIDATION_MODES, "Use off, flag or enforce").optional(),
    /** A new schema for the details: saved as a new version when it differs from the current one. */
    schema: jsonSchemaInput.optional(),
  })
  .strict();
export type UpdateEventTypeInput = z.input<typeof updateEventTypeInput>;

/** The schema editor's form: the schema as text, parsed here so the form and the server agree. */
export const eventTypeContractForm = z.object({
  description,
  validation: z.enum(VALIDATION_MODES, "Use off, flag or enforce"),
  schemaText: z
    .string()
    .max(64 * 1024, "Keep the schema under 64 KiB")
    .refine((s) => {
      if (s.trim() === "") return true;
      try {
        const value = JSON.parse(s);
        return Boolean(value) && typeof value === "object" && !Array.isArray(value);
      } catch {
        return false;
      }
    }, "Write the schema as a JSON object"),
});
export type EventTypeContractForm = z.input<typeof eventTypeContractForm>;

export const eventTypeSettingsInput = z
  .object({
    unknownEventTypes: z.enum(UNKNOWN_TYPE_POLICIES, "Use accept or refuse").optional(),
    publicCatalog: z.boolean("Use true or false").optional(),
  })
  .strict();
export type EventTypeSettingsInput = z.input<typeof eventTypeSettingsInput>;

export const eventTypeSettingsView = z.object({
  unknownEventTypes: z.enum(UNKNOWN_TYPE_POLICIES).describe("accept: events of undeclared types are stored; refuse: they are answered 422"),
  publicCatalog: z.boolean().describe("The catalog (GET /api/v1/event-types/catalog) is readable without signing in"),
});
export type EventTypeSettings = z.infer<typeof eventTypeSettingsView>;

export const eventTypeView = z.object({
  name: z.string(),
  description: z.string(),
  declared: z.boolean().describe("Declared by an admin (rather than only seen at ingestion)"),
  seenCount: z.number().int().describe("How many events of this type were ingested"),
  lastSeenAt: z.date().nullable(),
  example: z.record(z.string(), z.json()).nullable().describe("The details of the latest event of this type"),
  validation: z.enum(VALIDATION_MODES).describe("What ingestion does with details that do not fit the schema"),
  schemaVersion: z.number().int().nullable().describe("The current version of the schema of the details; null: no schema"),
});
export type EventTypeView = z.infer<typeof eventTypeView>;

export const schemaChangeView = z.object({ path: z.string(), breaking: z.boolean(), message: z.string() });

export const schemaVersionView = z.object({
  version: z.number().int(),
  schema: z.record(z.string(), z.json()).describe("JSON Schema (draft 2020-12) of the details"),
  compatibility: z.enum(["initial", "compatible", "breaking"]).describe("Compared with the version before it"),
  changes: z.array(z.string()).describe("What changed since the version before it"),
  createdAt: z.date(),
});
export type SchemaVersionView = z.infer<typeof schemaVersionView>;

export const eventTypeDetailView = eventTypeView.extend({
  versions: z.array(schemaVersionView).describe("Every version of the schema, newest first"),
});
export type EventTypeDetailView = z.infer<typeof eventTypeDetailView>;

export const proposedSchemaView = z.object({
  schema: z.record(z.string(), z.json()),
  sampleCount: z.number().int().describe("How many recent events of the type it was inferred from"),
  compatibility: z.enum(["initial", "compatible", "breaking"]).describe("Compared with the current version"),
  changes: z.array(schemaChangeView),
});
export type ProposedSchema = z.infer<typeof proposedSchemaView>;

export const CATALOG_FORMATS = ["standard", "slack", "discord", "teams", "zapier"] as const;

export const catalogEntryView = z.object({
  name: z.string(),
  description: z.string(),
  schemaVersion: z.number().int().nullable(),
  validation: z.enum(VALIDATION_MODES),
  schema: z.record(z.string(), z.json()).nullable().describe("JSON Schema (draft 2020-12) of the event's details"),
  example: z.record(z.string(), z.json()).describe("Example details (the latest seen, or made from the schema)"),
  examples: z
    .record(z.enum(CATALOG_FORMATS), z.json().nullable())
    .describe("The request body each connector format sends for the example (Standard Webhooks envelope, Slack, Discord, Teams, Zapier)"),
});
export type CatalogEntry = z.infer<typeof catalogEntryView>;

export const catalogView = z.object({
  portal: z.string(),
  generatedAt: z.date(),
  types: z.array(catalogEntryView),
});
export type Catalog = z.infer<typeof catalogView>;

export const sendExampleInput = z.object({ integrationId: z.uuid("Choose an integration") }).strict();
export type SendExampleInput = z.input<typeof sendExampleInput>;
