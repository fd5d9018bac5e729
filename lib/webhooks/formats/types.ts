/** What every message builder gets: plain values, no database rows. */

export type MessageUser = { id: string; email: string; name: string | null };

export type MessageEvent = {
  id: string;
  type: string;
  title: string;
  severity: string;
  source: string;
  occurredAt: Date;
  /** Any JSON-serialisable value. */
  details: unknown;
};

export type MessageIntegration = { id: string; name: string; slug: string };

/** The portal the message comes from: its name, and its public origin for links. */
export type MessagePortal = { name: string; url: string };

/** The workspace a message is sent from (test sends name it, so a receiver shared by several tells them apart). */
export type MessageWorkspace = { name: string; slug: string };

interface Common {
  portal: MessagePortal;
  /** Set for test sends. */
  workspace?: MessageWorkspace;
  integration: MessageIntegration;
  /** The person who pressed Trigger; null for an automatic delivery. */
  triggeredBy: MessageUser | null;
  /** The subscription that matched, for an automatic delivery. */
  subscriptionId?: string;
  now: Date;
}

/**
 * What a message says: an event (event mode), that someone triggered the integration without a
 * payload (default mode), or a test send from the webhook page.
 */
export type MessageInput =
  | (Common & { kind: "event"; event: MessageEvent })
  /** `emptyObject`: the standard envelope's default mode sends {} instead of nothing (the webhook's choice). */
  | (Common & { kind: "default"; emptyObject?: boolean })
  | (Common & { kind: "test" });

/** A built message: the request body exactly as sent ("" for none). */
export interface BuiltMessage {
  body: string;
  contentType: "application/json" | null;
}
