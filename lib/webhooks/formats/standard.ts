import type { BuiltMessage, MessageEvent, MessageInput, MessageIntegration, MessageUser, MessageWorkspace } from "./types";

/** The body of a delivery in "no payload" mode. */
export const EMPTY_BODY = "";
/** The same, for a webhook whose receiver's verifier refuses an empty body. */
export const EMPTY_OBJECT_BODY = "{}";

/**
 * The Standard Webhooks envelope (n8n, Make, Power Automate, custom receivers): the event in
 * event mode, an empty body (or {}, as the webhook chose) in default mode, a `webhook.test`
 * message for a test send.
 */
export function standardMessage(input: MessageInput): BuiltMessage {
  if (input.kind === "default")
    return input.emptyObject ? { body: EMPTY_OBJECT_BODY, contentType: "application/json" } : { body: EMPTY_BODY, contentType: null };
  const body =
    input.kind === "event"
      ? buildEventEnvelope({ event: input.event, triggeredBy: input.triggeredBy, subscriptionId: input.subscriptionId, now: input.now })
      : buildTestEnvelope({
          portalName: input.portal.name,
          workspace: input.workspace,
          integration: input.integration,
          triggeredBy: input.triggeredBy,
          now: input.now,
        });
  return { body, contentType: "application/json" };
}

/** The envelope for an event sent to an integration, as a plain object. */
export function eventEnvelope({
  event,
  triggeredBy,
  subscriptionId,
  now,
}: {
  event: MessageEvent;
  triggeredBy: MessageUser | null;
  subscriptionId?: string;
  now: Date;
}) {
  return {
    type: event.type,
    timestamp: now.toISOString(),
    data: {
      event: {
        id: event.id,
        type: event.type,
        title: event.title,
        severity: event.severity,
        source: event.source,
        occurredAt: event.occurredAt.toISOString(),
        details: event.details,
      },
      triggeredBy: triggeredBy && userOf(triggeredBy),
      ...(subscriptionId && { subscription: { id: subscriptionId } }),
    },
  };
}

/**
 * Who caused the message: the person who pressed Trigger, or (automatic deliveries) the
 * subscription the event matched, with `triggeredBy` null.
 */
export const buildEventEnvelope = (input: Parameters<typeof eventEnvelope>[0]): string => JSON.stringify(eventEnvelope(input));

/** The envelope of a `webhook.test` delivery, as a plain object: with the workspace it was sent from, when given. */
export function testEnvelope({
  portalName,
  workspace,
  integration,
  triggeredBy,
  now,
}: {
  portalName: string;
  workspace?: MessageWorkspace;
  integration: MessageIntegration;
  triggeredBy: MessageUser | null;
  now: Date;
}) {
  return {
    type: "webhook.test",
    timestamp: now.toISOString(),
    data: {
      portal: portalName,
      ...(workspace && { workspace: { name: workspace.name, slug: workspace.slug } }),
      integration: { id: integration.id, name: integration.name, slug: integration.slug },
      triggeredBy: triggeredBy && userOf(triggeredBy),
      message: `This is a test webhook from ${portalName}.`,
    },
  };
}

export const buildTestEnvelope = (input: Parameters<typeof testEnvelope>[0]): string => JSON.stringify(testEnvelope(input));

function userOf({ id, email, name }: MessageUser) {
  return { id, email, name };
}
