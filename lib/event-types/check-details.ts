import { db, sql } from "@/lib/db";
import { invalid } from "@/lib/errors";
import { validateCached, validateDetails, type JsonSchemaObject, type SchemaError } from "./contract/validator";
import type { UnknownTypePolicy, ValidationMode } from "./schemas";

export interface DetailsCheck {
  /** The schema version the details were validated against; null: not validated (no schema, or validation off). */
  schemaVersion: number | null;
  /** Where they do not fit (validation "flag"); null when they fit or were not validated. */
  schemaErrors: SchemaError[] | null;
}

/**
 * What ingestion does with an event's details under its type's contract, before anything is
 * stored: validates them against the current schema version (compiled once per version and
 * process) and, in "enforce" mode, refuses them with a JSON Pointer and message per error. A type
 * that is not declared is refused when the portal is set to refuse unknown types. One query.
 */
export async function checkEventDetails(workspaceId: string, type: string, details: unknown): Promise<DetailsCheck> {
  const [row] = await sql<{ declared: boolean | null; validation: string | null; schemaVersion: number | null; unknown: string | null }>`
    SELECT t."declared", t."validation", t."schemaVersion", s."unknownEventTypes" AS "unknown"
    FROM (SELECT 1) AS one
    LEFT JOIN "EventType" t ON t."workspaceId" = ${workspaceId}::uuid AND t."name" = ${type}::text
    LEFT JOIN "Workspace" s ON s."id" = ${workspaceId}::uuid`;
  const declared = Boolean(row?.declared) || row?.schemaVersion != null;
  if (!declared && (row?.unknown as UnknownTypePolicy | null) === "refuse")
    throw invalid(`The event type ${type} is not declared, and this portal refuses undeclared types.`, {
      type: ["Declare the type in the event type catalog first"],
    });
  const mode = (row?.validation ?? "off") as ValidationMode;
  const version = row?.schemaVersion ?? null;
  if (mode === "off" || version === null) return { schemaVersion: null, schemaErrors: null };

  const errors = validateCached(workspaceId, type, version, details) ?? (await validateLoading(workspaceId, type, version, details));
  if (errors.length === 0) return { schemaVersion: version, schemaErrors: null };
  if (mode === "enforce") {
    const fieldErrors: Record<string, string[]> = {};
    for (const e of errors) (fieldErrors[`/details${e.pointer}`] ??= []).push(e.message);
    throw invalid(
      `The details do not fit the schema of ${type} (version ${version}): ${errors.length} error${errors.length === 1 ? "" : "s"}. Each field error is keyed by the JSON Pointer of the place in the request.`,
      fieldErrors,
    );
  }
  return { schemaVersion: version, schemaErrors: errors };
}

async function validateLoading(workspaceId: string, type: string, version: number, details: unknown): Promise<SchemaError[]> {
  const row = await db.eventTypeSchema.findUnique({
    where: { workspaceId_typeName_version: { workspaceId, typeName: type, version } },
    select: { schema: true },
  });
  if (!row) return [];
  return validateDetails(workspaceId, type, version, row.schema as JsonSchemaObject, details);
}
