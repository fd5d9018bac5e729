import { z } from "zod";
import type { ApiOperation } from "@/lib/api/operations";
import { declareEventTypeInput, eventTypeView } from "./schemas";

export const eventTypeOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/event-types",
    tag: "Events",
    permission: "portal.read",
    summary: "List event types",
    description:
      "Every type seen at ingestion (with how many, the latest time and the latest small example of its details) and every type an admin declared, by name.",
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
];
