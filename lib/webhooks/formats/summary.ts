import type { MessageInput } from "./types";

/** What a chat message says, before a platform's format: the same facts for Slack, Discord and Teams. */
export interface ChatSummary {
  title: string;
  /** One sentence under the title. */
  text: string;
  facts: { label: string; value: string }[];
  /** Who or what sent it, for a context line or footer. */
  context: string;
  link: { label: string; url: string } | null;
  severity: string | null;
  /** Event details, when there are any, for a code block. */
  details: unknown;
  timestamp: Date;
}

export function chatSummary(input: MessageInput): ChatSummary {
  const by = input.triggeredBy
    ? `triggered by ${input.triggeredBy.name ?? input.triggeredBy.email}`
    : input.subscriptionId
      ? "sent automatically by a subscription"
      : "sent automatically";
  const from = input.workspace ? `${input.portal.name} · ${input.workspace.name}` : input.portal.name;
  const context = `${from} · ${input.integration.name} · ${by}`;
  if (input.kind === "event") {
    const { event } = input;
    return {
      title: event.title,
      text: `${capitalize(event.severity)} ${event.type} event from ${event.source}.`,
      facts: [
        { label: "Type", value: event.type },
        { label: "Severity", value: event.severity },
        { label: "Source", value: event.source },
        { label: "Occurred at", value: `${event.occurredAt.toISOString().replace("T", " ").slice(0, 19)} UTC` },
      ],
      context,
      link: { label: "View event", url: `${input.portal.url.replace(/\/$/, "")}/events/${encodeURIComponent(event.id)}` },
      severity: event.severity,
      details: event.details,
      timestamp: event.occurredAt,
    };
  }
  const test = input.kind === "test";
  return {
    title: test
      ? `Test from ${input.portal.name}: ${input.integration.name}`
      : `${input.integration.name} triggered from ${input.portal.name}`,
    text: test ? "This is a test message: the portal can reach this webhook." : `${input.integration.name} was triggered without an event.`,
    facts: input.workspace ? [{ label: "Workspace", value: input.workspace.name }] : [],
    context,
    link: { label: "Open the portal", url: input.portal.url },
    severity: null,
    details: null,
    timestamp: input.now,
  };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
