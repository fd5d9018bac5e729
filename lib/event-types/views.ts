import type { Prisma } from "@/lib/generated/prisma/client";
import type { EventTypeView, SchemaVersionView, ValidationMode } from "./schemas";

type EventTypeRow = Prisma.EventTypeGetPayload<object>;

export const toEventTypeView = (r: EventTypeRow): EventTypeView => ({
  name: r.name,
  description: r.description,
  declared: r.declared,
  seenCount: r.seenCount,
  lastSeenAt: r.lastSeenAt,
  example: (r.example as EventTypeView["example"]) ?? null,
  validation: r.validation as ValidationMode,
  schemaVersion: r.schemaVersion,
});

export const toSchemaVersionView = (r: Prisma.EventTypeSchemaGetPayload<object>): SchemaVersionView => ({
  version: r.version,
  schema: r.schema as SchemaVersionView["schema"],
  compatibility: r.compatibility as SchemaVersionView["compatibility"],
  changes: r.changes,
  createdAt: r.createdAt,
});
