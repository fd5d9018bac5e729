import type { ApiOperation } from "@/lib/api/operations";
import { z } from "zod";
import { createSubscriptionInput, updateSubscriptionInput } from "./schemas";
import { subscriptionView, subscriptionWithActivityView } from "./views";

const SUBSCRIPTION = "/api/v1/subscriptions/{id}";
const readErrors = { 401: "Not signed in and no valid API token" };
const changeErrors = { ...readErrors, 403: "Only admins manage subscriptions", 404: "No such subscription" };
const filterText =
  'eventTypes: exact names (incident.opened), prefix wildcards (incident.*) or * for every type. minSeverity: events below it do not match. sources: only events from these. filter: {path: condition} on type, title, severity, source or details.<key>; a condition is a value or an object of operators ($eq $ne $in $nin $gt $gte $lt $lte $exists), all must hold, e.g. {"details.region": {"$in": ["eu", "us"]}}. mode: "event" sends the event as payload, "default" an empty body. retrySchedule: delays in seconds (1 to 86400, at most 10) before automatic retry 1, 2, …, e.g. [60, 300, 1800]; null or []: no automatic retry; absent when creating: [60, 300, 1800] (1 min, 5 min, 30 min), or [] on a plan without retry schedules; absent when updating: unchanged. Timeouts, connection and DNS failures, 5xx, 408 and 429 are retried (Retry-After honoured up to the longest delay); other 4xx, blocked addresses and redirects are not. disableAfterFailures: the subscription is disabled after this many failed deliveries in a row (1 to 1000, default 3; a retry chain counts once); 410 Gone disables it at once.';

export const subscriptionOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/integrations/{id}/subscriptions",
    tag: "Subscriptions",
    permission: "portal.read",
    summary: "List an integration's subscriptions",
    description: "Oldest first, each with its automatic deliveries of the last 24 hours and the latest one.",
    response: z.object({ data: z.array(subscriptionWithActivityView) }),
    responses: { 200: "The subscriptions", ...readErrors, 404: "No such integration" },
  },
  {
    method: "post",
    path: "/api/v1/integrations/{id}/subscriptions",
    tag: "Subscriptions",
    permission: "integrations.manage",
    summary: "Subscribe an integration to events",
    description: `Every event ingested afterwards that matches is delivered to the integration automatically (while the subscription and the webhook are enabled). Refused (403 plan_required, naming the cheapest plan that includes it) on a plan without automatic deliveries. ${filterText}`,
    request: createSubscriptionInput,
    response: subscriptionView,
    responses: {
      201: "The new subscription",
      ...readErrors,
      403: `${changeErrors[403]}; or plan_required: the workspace's plan has no automatic deliveries, or no retry schedules (a non-empty retrySchedule)`,
      404: "No such integration",
      422: "A field is not valid (fieldErrors by field)",
    },
  },
  {
    method: "get",
    path: SUBSCRIPTION,
    tag: "Subscriptions",
    permission: "portal.read",
    summary: "Get a subscription",
    response: subscriptionView,
    responses: { 200: "The subscription", ...readErrors, 404: "No such subscription" },
  },
  {
    method: "patch",
    path: SUBSCRIPTION,
    tag: "Subscriptions",
    permission: "integrations.manage",
    summary: "Change a subscription",
    description: `Absent fields stay as they are. ${filterText}`,
    request: updateSubscriptionInput,
    response: subscriptionView,
    responses: {
      200: "The subscription as changed",
      ...changeErrors,
      403: `${changeErrors[403]}; or plan_required: enabling it on a plan without automatic deliveries, or a retry schedule on a plan without them`,
      422: "A field is not valid",
    },
  },
  {
    method: "post",
    path: `${SUBSCRIPTION}/enable`,
    tag: "Subscriptions",
    permission: "integrations.manage",
    summary: "Enable a subscription again",
    description: "After the portal disabled it (410 Gone, too many failures) or a person did. Its failure count starts afresh.",
    response: subscriptionView,
    responses: {
      200: "The subscription, enabled",
      ...changeErrors,
      403: `${changeErrors[403]}; or plan_required: the workspace's plan has no automatic deliveries`,
    },
  },
  {
    method: "delete",
    path: SUBSCRIPTION,
    tag: "Subscriptions",
    permission: "integrations.manage",
    summary: "Delete a subscription",
    description: "Its deliveries not yet sent are skipped; its history stays.",
    responses: { 204: "Deleted", ...changeErrors },
  },
];
