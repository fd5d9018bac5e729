import { z } from "zod";
import type { ApiOperation } from "@/lib/api/operations";
import {
  catalogView,
  declareEventTypeInput,
  eventTypeDetailView,
  eventTypeSettingsInput,
  eventTypeSettingsView,
  eventTypeView,
  proposedSchemaView,
  updateEventTypeInput,
} from "./schemas";

export const eventTypeOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/event-types",
    tag: "Events",
    permission: "portal.read",
    summary: "List event types",
    description:
      "Every type seen at ingestion (with how many, the latest time and the latest small example of its details) and every type an admin declared, by name, with its validation mode and current schema version.",
    response: z.object({ data: z.array(eventTypeView) }),
    responses: { 200: "The catalog", 401: "Not signed in and no valid API token" },
  },
  {
    method: "post",
    path: "/api/v1/event-types",
    tag: "Events",
    permission: "integrations.manage",
    summary: "Declare an event type",
    description:
      "Adds a type to the catalog with a description (or describes one already seen), so subscriptions can pick it before its first event.",
    request: declareEventTypeInput,
    response: eventTypeView,
    responses: {
      201: "The declared type",
      401: "Not signed in and no valid API token",
      403: "Only admins declare event types",
      422: "A field is not valid",
    },
  },
  {
    method: "get",
    path: "/api/v1/event-types/catalog",
    tag: "Events",
    permission: "portal.read",
    summary: "Read the catalog for receivers",
    description:
      "Every type with its description, the JSON Schema (draft 2020-12) of its details and an example request body in each connector format. Readable without signing in only when an admin made the catalog public (PUT /api/v1/settings/event-types, off by default).",
    response: catalogView,
    responses: { 200: "The catalog", 401: "Not signed in, and the catalog is not public" },
  },
  {
    method: "get",
    path: "/api/v1/event-types/{name}",
    tag: "Events",
    permission: "portal.read",
    summary: "Get an event type",
    description: "The type with every version of its schema, newest first, each marked compatible or breaking with what changed.",
    response: eventTypeDetailView,
    responses: { 200: "The type", 401: "Not signed in and no valid API token", 404: "No such event type" },
  },
  {
    method: "patch",
    path: "/api/v1/event-types/{name}",
    tag: "Events",
    permission: "integrations.manage",
    summary: "Change an event type's contract",
    description:
      "Sets the description, the validation mode (off, flag, enforce) and the JSON Schema (draft 2020-12) of the details. A schema that differs from the current one becomes a new version, compared with the previous one: compatible (only optional additions) or breaking (a removed or retyped field, a new required one). A type not seen yet is declared. A schema that is not valid is refused with its errors under `fieldErrors.schema` (a JSON Pointer into the schema and a message each).",
    request: updateEventTypeInput,
    response: eventTypeDetailView,
    responses: {
      200: "The type with its versions",
      401: "Not signed in and no valid API token",
      403: "Only admins change event types",
      404: "The name is not an event type name",
      422: "A field is not valid, the schema is not a valid JSON Schema, or validation is turned on without a schema",
    },
  },
  {
    method: "get",
    path: "/api/v1/event-types/{name}/proposed-schema",
    tag: "Events",
    permission: "integrations.manage",
    summary: "Propose a schema from the events seen",
    description:
      "A schema inferred from the details of the latest 200 events of the type (types, keys present in every sample as required, enums for small closed sets), compared with the current version. Nothing is saved: send it to PATCH to make it a version.",
    response: proposedSchemaView,
    responses: {
      200: "The proposal",
      401: "Not signed in and no valid API token",
      403: "Only admins propose schemas",
      404: "No such event type",
    },
  },
  {
    method: "get",
    path: "/api/v1/settings/event-types",
    tag: "Events",
    permission: "portal.read",
    summary: "Get the event type settings",
    description: "Whether events of undeclared types are accepted, and whether the catalog is public.",
    response: eventTypeSettingsView,
    responses: { 200: "The settings", 401: "Not signed in and no valid API token" },
  },
  {
    method: "put",
    path: "/api/v1/settings/event-types",
    tag: "Events",
    permission: "integrations.manage",
    summary: "Change the event type settings",
    description:
      "unknownEventTypes: accept (the default) stores events of any type; refuse answers 422 for a type that is not declared. publicCatalog: makes GET /api/v1/event-types/catalog readable without signing in (off by default); nothing else becomes public.",
    request: eventTypeSettingsInput,
    response: eventTypeSettingsView,
    responses: {
      200: "The settings",
      401: "Not signed in and no valid API token",
      403: "Only admins change the settings",
      422: "A field is not valid",
    },
  },
];
