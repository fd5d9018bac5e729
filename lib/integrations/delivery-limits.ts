import type { Platform } from "./schemas";

export interface SuggestedLimits {
  maxPerSecond: number | null;
  maxInFlight: number | null;
  /** Why, in a sentence the form shows. */
  reason: string;
}

/**
 * Starting points for a webhook's pace and concurrency by platform, offered by the webhook form
 * (never applied by themselves). Receivers differ: these keep a typical one within what it takes.
 */
export const SUGGESTED_LIMITS: Record<Platform, SuggestedLimits> = {
  n8n: {
    maxPerSecond: null,
    maxInFlight: 5,
    reason: "A self-hosted n8n runs each request as a workflow execution: a few at once keeps its queue short.",
  },
  zapier: { maxPerSecond: 10, maxInFlight: 10, reason: "Zapier's catch hooks throttle bursts (HTTP 429) and start a Zap run per request." },
  make: {
    maxPerSecond: 5,
    maxInFlight: 5,
    reason: "Make queues webhook bundles per scenario; a scenario set to run sequentially takes them one by one.",
  },
  "power-automate": {
    maxPerSecond: 5,
    maxInFlight: 10,
    reason: "Power Automate's HTTP trigger throttles per flow and answers 429 beyond it.",
  },
  tines: { maxPerSecond: null, maxInFlight: 10, reason: "A Tines webhook action starts a story run per request." },
  custom: { maxPerSecond: null, maxInFlight: null, reason: "Your own receiver: set what it can take, or leave both empty." },
  slack: {
    maxPerSecond: 1,
    maxInFlight: 1,
    reason: "Slack accepts about one message a second per incoming webhook and answers 429 beyond it.",
  },
  discord: {
    maxPerSecond: 0.5,
    maxInFlight: 1,
    reason: "Discord rate-limits each webhook (about 30 messages a minute) and answers 429 beyond it.",
  },
  teams: {
    maxPerSecond: 1,
    maxInFlight: 2,
    reason: "A Teams Workflows webhook starts a flow run per request; Teams throttles bursts to a channel.",
  },
};
