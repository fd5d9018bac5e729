import { z } from "zod";
import { pageOf, type ApiOperation } from "@/lib/api/operations";
import { createEventInput, EVENT_SEVERITIES, listEventsQuery } from "./schemas";

const eventSummary = z.object({
  id: z.uuid(),
  type: z.string(),
  title: z.string(),
  severity: z.enum(EVENT_SEVERITIES),
  source: z.string(),
  occurredAt: z.date(),
  createdAt: z.date(),
});
const eventView = eventSummary.extend({ details: z.record(z.string(), z.json()) });

const readErrors = { 401: "Not signed in and no valid API token" };

export const eventOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/events",
    tag: "Events",
    permission: "portal.read",
    summary: "List events",
    description: "Newest first by occurred-at. Filters combine; `q` searches titles (at least 3 characters, case-insensitive).",
    query: listEventsQuery,
    response: pageOf(eventSummary),
    responses: { 200: "A page of events (without their details)", ...readErrors, 422: "A query parameter is not valid" },
  },
  {
    method: "post",
    path: "/api/v1/events",
    tag: "Events",
    permission: "events.create",
    summary: "Ingest an event",
    description:
      "Details are any JSON object up to 256 KiB. Without occurredAt, the time of receipt. The event and one queued automatic delivery per matching enabled subscription are stored in one transaction; the answer does not wait for the deliveries. The details are checked against the type's schema as the type's validation says (off, flag, enforce): under enforce, details that do not fit are refused with 422 and one field error per problem, keyed by the JSON Pointer of the place in the request (`/details/order/total`); nothing is stored or delivered. A type that is not declared is refused (422, a field error on `type`) when the portal is set to refuse undeclared types. Beyond the workspace plan's events per minute: 429 rate_limited with Retry-After.",
    request: createEventInput,
    response: eventView.extend({
      deliveriesQueued: z.number().int().describe("Automatic deliveries queued for it, one per matching subscription; sent by the workers"),
      deliveriesSkipped: z.number().int().describe("Matching subscriptions that are disabled: recorded as skipped deliveries, not sent"),
    }),
    responses: {
      201: "The stored event; its deliveries are durably queued",
      ...readErrors,
      403: "Only admins ingest events",
      413: "The body or the details are too large",
      422: "A field is not valid, the details do not fit the type's schema (enforce), or the type is not declared (when undeclared types are refused)",
      429: "The workspace's plan allows fewer events a minute (rate_limited); Retry-After says when to try again",
    },
  },
  {
    method: "get",
    path: "/api/v1/events/{id}",
    tag: "Events",
    permission: "portal.read",
    summary: "Get an event",
    response: eventView,
    responses: { 200: "The event with its details", ...readErrors, 404: "No such event" },
  },
];
