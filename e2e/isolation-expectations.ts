/**
 * What a member of workspace A may learn or change of workspace B: nothing. The isolation matrix
 * (e2e/isolation-matrix.spec.ts) calls every route handler, page and server action as a member of A
 * with B's ids, slugs and cursors. Each route handler is listed here with the B resource each of its
 * path parameters names; the matrix fails for a route that is not listed, so a route added without
 * deciding how it is isolated cannot pass the suite.
 */

/** B's data, as made by the matrix's set-up. */
export interface Bravo {
  slug: string;
  /** Text in every name, title and body of B: no answer to A may contain it. */
  marker: string;
  /** Text in B's event (title and details) that searches look for; echoed by a search, so not the marker. */
  probe: string;
  /** A type of B that A never declares. */
  pageEventType: string;
  ownerId: string;
  /** A member of B only (B's owner is a member of A too). */
  memberId: string;
  integrationId: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  executionId: string;
  messageId: string;
  recoveryId: string;
  tokenId: string;
  invitationId: string;
  executionsCursor: string;
  eventsCursor: string;
  auditCursor: string;
  /** Every id above, and any other id of B the set-up saw: none may appear in an answer to A. */
  ids: string[];
}

/** A's own resources, for calls that name A's resource in the path and B's in the body. */
export interface Alpha {
  integrationId: string;
  subscriptionId: string;
}

/**
 * How each route's path parameters are filled: with a B resource (the answer must be 404), or the
 * route has none. "instance": the route is about the deployment, not a workspace (plans, the
 * caller's own account): it is still called, and its answer still may not contain anything of B.
 */
/**
 * Routes that create the caller's own resource under the name in the path (declaring an event type
 * is an upsert): called with B's name they make A's own type of that name, so they run last and may
 * answer 200 — B's type must stay as it was (the snapshot).
 */
export const CREATES_OWN = new Set(["PATCH /api/v1/event-types/[name]"]);

export type PathIsolation = "none" | "instance" | ((b: Bravo) => Record<string, string>);

const integration = (b: Bravo) => ({ id: b.integrationId });
const subscription = (b: Bravo) => ({ id: b.subscriptionId });

export const PATH_ISOLATION: Record<string, PathIsolation> = {
  "GET /api/v1/me": "instance",
  "POST /api/v1/me/password": "instance",
  "GET /api/v1/tokens/all": "none",
  "POST /api/v1/users/[id]/reset-password": (b) => ({ id: b.memberId }),
  "POST /api/v1/users/[id]/reset-two-factor": (b) => ({ id: b.memberId }),
  "GET /api/v1/settings/security": "instance",
  "PUT /api/v1/settings/security": "instance",
  "GET /api/v1/tokens": "none",
  "POST /api/v1/tokens": "none",
  "DELETE /api/v1/tokens/[id]": (b) => ({ id: b.tokenId }),
  "GET /api/v1/users": "none",
  "POST /api/v1/users": "none",
  "PATCH /api/v1/users/[id]": (b) => ({ id: b.memberId }),
  "DELETE /api/v1/users/[id]": (b) => ({ id: b.memberId }),
  "GET /api/v1/members": "none",
  "PATCH /api/v1/members/[id]": (b) => ({ id: b.memberId }),
  "DELETE /api/v1/members/[id]": (b) => ({ id: b.memberId }),
  "GET /api/v1/invitations": "none",
  "POST /api/v1/invitations": "none",
  "DELETE /api/v1/invitations/[id]": (b) => ({ id: b.invitationId }),
  "GET /api/v1/integrations": "none",
  "POST /api/v1/integrations": "none",
  "GET /api/v1/integrations/[id]": integration,
  "PATCH /api/v1/integrations/[id]": integration,
  "DELETE /api/v1/integrations/[id]": integration,
  "GET /api/v1/connector-types": "none",
  "PUT /api/v1/integrations/[id]/alerts": integration,
  "GET /api/v1/integrations/[id]/webhook": integration,
  "PUT /api/v1/integrations/[id]/webhook": integration,
  "DELETE /api/v1/integrations/[id]/webhook": integration,
  "POST /api/v1/integrations/[id]/webhook/secret/reveal": integration,
  "POST /api/v1/integrations/[id]/webhook/secret/rotate": integration,
  "GET /api/v1/integrations/[id]/transformation": integration,
  "PUT /api/v1/integrations/[id]/transformation": integration,
  "DELETE /api/v1/integrations/[id]/transformation": integration,
  "POST /api/v1/integrations/[id]/transformation/restore": integration,
  "POST /api/v1/integrations/[id]/transformation/test": integration,
  "GET /api/v1/subscriptions/[id]/transformation": subscription,
  "PUT /api/v1/subscriptions/[id]/transformation": subscription,
  "DELETE /api/v1/subscriptions/[id]/transformation": subscription,
  "POST /api/v1/subscriptions/[id]/transformation/restore": subscription,
  "POST /api/v1/subscriptions/[id]/transformation/test": subscription,
  "GET /api/v1/integrations/[id]/subscriptions": integration,
  "POST /api/v1/integrations/[id]/subscriptions": integration,
  "GET /api/v1/subscriptions/[id]": subscription,
  "PATCH /api/v1/subscriptions/[id]": subscription,
  "POST /api/v1/subscriptions/[id]/enable": subscription,
  "DELETE /api/v1/subscriptions/[id]": subscription,
  "GET /api/v1/events": "none",
  "POST /api/v1/events": "none",
  "GET /api/v1/events/[id]": (b) => ({ id: b.eventId }),
  "GET /api/v1/event-types": "none",
  "POST /api/v1/event-types": "none",
  "GET /api/v1/event-types/catalog": "none",
  "GET /api/v1/event-types/[name]": (b) => ({ name: b.eventType }),
  "PATCH /api/v1/event-types/[name]": (b) => ({ name: b.eventType }),
  "GET /api/v1/event-types/[name]/proposed-schema": (b) => ({ name: b.eventType }),
  "POST /api/v1/event-types/[name]/send-example": (b) => ({ name: b.eventType }),
  "GET /api/v1/settings/event-types": "none",
  "PUT /api/v1/settings/event-types": "none",
  "POST /api/v1/integrations/[id]/trigger": integration,
  "POST /api/v1/integrations/[id]/webhook/test": integration,
  "GET /api/v1/executions": "none",
  "GET /api/v1/executions/export": "none",
  "GET /api/v1/executions/state": "none",
  "GET /api/v1/executions/[id]": (b) => ({ id: b.executionId }),
  "POST /api/v1/executions/[id]/retry": (b) => ({ id: b.executionId }),
  "POST /api/v1/executions/[id]/cancel-retries": (b) => ({ id: b.executionId }),
  "POST /api/v1/integrations/[id]/recover": integration,
  "GET /api/v1/integrations/[id]/recover": integration,
  "GET /api/v1/recoveries/[id]": (b) => ({ id: b.recoveryId }),
  "POST /api/v1/recoveries/[id]/cancel": (b) => ({ id: b.recoveryId }),
  "POST /api/v1/executions/bulk-retry": "none",
  "GET /api/v1/audit-log": "none",
  "GET /api/v1/audit-log/export": "none",
  "GET /api/v1/workspaces": "none",
  "POST /api/v1/workspaces": "instance",
  "GET /api/v1/workspaces/[slug]": (b) => ({ slug: b.slug }),
  // Instance administration: refused (403) to a member of A before any workspace is looked up.
  "PATCH /api/v1/workspaces/[slug]": "instance",
  "DELETE /api/v1/workspaces/[slug]": "instance",
  "POST /api/v1/support-access": "instance",
  "GET /api/v1/plans/current": "none",
  "GET /api/v1/plans": "instance",
  "POST /api/v1/plans": "instance",
  "GET /api/v1/plans/[id]": "instance",
  "PATCH /api/v1/plans/[id]": "instance",
  "DELETE /api/v1/plans/[id]": "instance",
  "GET /api/v1/openapi.json": "instance",
  "GET /api/health": "instance",
  "GET /api/ready": "instance",
  "GET /api/auth/[...nextauth]": "instance",
  "POST /api/auth/[...nextauth]": "instance",
  ...Object.fromEntries(["GET", "POST", "PUT", "PATCH", "DELETE"].map((m) => [`${m} /api/v1/[...path]`, "instance" as const])),
};

/**
 * Calls that name B's resources in the query or the body, on A's own resources or on lists: the
 * answer contains nothing of B, and where a B resource is named as the thing to act on, 404 (or a
 * field error naming it as not found).
 */
export interface CrossReference {
  name: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: (a: Alpha, b: Bravo) => string;
  body?: (a: Alpha, b: Bravo) => unknown;
  /** The answer must be one of these statuses (default: any status below 500). */
  status?: number[];
}

export const CROSS_REFERENCES: CrossReference[] = [
  ...(["integrationId", "eventId", "subscriptionId", "triggeredBy", "messageId", "cursor", "q"] as const).flatMap((field) => [
    {
      name: `executions filtered by B's ${field}`,
      method: "GET" as const,
      path: (_a: Alpha, b: Bravo) => `/api/v1/executions?${field}=${encodeURIComponent(bravoValue(b, field))}`,
    },
    {
      name: `executions export filtered by B's ${field}`,
      method: "GET" as const,
      path: (_a: Alpha, b: Bravo) => `/api/v1/executions/export?format=csv&${field}=${encodeURIComponent(bravoValue(b, field))}`,
    },
  ]),
  ...(["integrationId", "eventId", "messageId"] as const).map((field) => ({
    name: `live state of B's ${field}`,
    method: "GET" as const,
    path: (_a: Alpha, b: Bravo) => `/api/v1/executions/state?events=1&${field}=${encodeURIComponent(bravoValue(b, field))}`,
  })),
  { name: "events by B's type", method: "GET", path: (_a, b) => `/api/v1/events?type=${encodeURIComponent(b.eventType)}` },
  { name: "events searched for B's marker", method: "GET", path: (_a, b) => `/api/v1/events?q=${b.probe}` },
  { name: "events from B's cursor", method: "GET", path: (_a, b) => `/api/v1/events?cursor=${encodeURIComponent(b.eventsCursor)}` },
  {
    name: "audit log of B's integration",
    method: "GET",
    path: (_a, b) => `/api/v1/audit-log?targetType=integration&targetId=${b.integrationId}`,
  },
  { name: "audit log from B's cursor", method: "GET", path: (_a, b) => `/api/v1/audit-log?cursor=${encodeURIComponent(b.auditCursor)}` },
  { name: "audit log by B's owner", method: "GET", path: (_a, b) => `/api/v1/audit-log/export?format=csv&actorId=${b.ownerId}` },
  {
    name: "A's integration triggered with B's event",
    method: "POST",
    path: (a) => `/api/v1/integrations/${a.integrationId}/trigger`,
    body: (_a, b) => ({ mode: "event", eventId: b.eventId }),
    status: [404],
  },
  {
    name: "A's transformation tried on B's event",
    method: "POST",
    path: (a) => `/api/v1/integrations/${a.integrationId}/transformation/test`,
    body: (_a, b) => ({ code: "function handler(w) { return w; }", eventId: b.eventId }),
    status: [404],
  },
  {
    name: "A's transformation tried on B's event type example",
    method: "POST",
    path: (a) => `/api/v1/integrations/${a.integrationId}/transformation/test`,
    // A may have declared a type of the same name by now (the path pass does): its own example, never B's.
    body: (_a, b) => ({ code: "function handler(w) { return w; }", exampleOf: b.eventType }),
  },
  {
    name: "A's alerts sent through B's integration",
    method: "PUT",
    path: (a) => `/api/v1/integrations/${a.integrationId}/alerts`,
    body: (_a, b) => ({ alertIntegrationId: b.integrationId, alertOnDisable: true }),
    status: [404, 422],
  },
  {
    name: "bulk retry of B's executions",
    method: "POST",
    path: () => "/api/v1/executions/bulk-retry",
    body: (_a, b) => ({ ids: [b.executionId] }),
  },
  {
    name: "bulk retry filtered by B's integration",
    method: "POST",
    path: () => "/api/v1/executions/bulk-retry",
    body: (_a, b) => ({ filters: { integrationId: b.integrationId } }),
  },
  {
    name: "A's subscription pinned to B's event type",
    method: "PATCH",
    path: (a) => `/api/v1/subscriptions/${a.subscriptionId}`,
    body: (_a, b) => ({ eventTypes: [b.eventType] }),
  },
  {
    name: "an event type with B's name declared in A",
    method: "POST",
    path: () => "/api/v1/event-types",
    body: (_a, b) => ({ name: `${b.eventType}.alpha`, description: "A's own" }),
  },
];

function bravoValue(b: Bravo, field: string): string {
  switch (field) {
    case "integrationId":
      return b.integrationId;
    case "eventId":
      return b.eventId;
    case "subscriptionId":
      return b.subscriptionId;
    case "triggeredBy":
      return b.ownerId;
    case "messageId":
      return b.messageId;
    case "cursor":
      return b.executionsCursor;
    default:
      return b.probe;
  }
}
