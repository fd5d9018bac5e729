/** The body of a delivery in "no payload" mode. */
export const EMPTY_BODY = "";

export type EnvelopeUser = { id: string; email: string; name: string | null };

export type EnvelopeEvent = {
  id: string;
  type: string;
  title: string;
  severity: string;
  source: string;
  occurredAt: Date;
  /** Any JSON-serialisable value. */
  details: unknown;
};

export type EnvelopeIntegration = { id: string; name: string; slug: string };

/**
 * Who caused the message: the person who pressed Trigger, or (automatic deliveries) the
 * subscription the event matched, with `triggeredBy` null.
 */
export type BuildEventEnvelopeInput = { event: EnvelopeEvent; triggeredBy: EnvelopeUser | null; subscriptionId?: string; now: Date };

export type BuildTestEnvelopeInput = {
  portalName: string;
  integration: EnvelopeIntegration;
  triggeredBy: EnvelopeUser;
  now: Date;
};

/** The Standard Webhooks envelope for an event sent to an integration, as JSON. */
export function buildEventEnvelope({ event, triggeredBy, subscriptionId, now }: BuildEventEnvelopeInput): string {
  return JSON.stringify({
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
  });
}

/** The envelope of a `webhook.test` delivery, as JSON. */
export function buildTestEnvelope({ portalName, integration, triggeredBy, now }: BuildTestEnvelopeInput): string {
  return JSON.stringify({
    type: "webhook.test",
    timestamp: now.toISOString(),
    data: {
      portal: portalName,
      integration: { id: integration.id, name: integration.name, slug: integration.slug },
      triggeredBy: userOf(triggeredBy),
      message: `This is a test webhook from ${portalName}.`,
    },
  });
}

function userOf({ id, email, name }: EnvelopeUser) {
  return { id, email, name };
}
