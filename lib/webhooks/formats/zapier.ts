import { eventEnvelope, testEnvelope } from "./standard";
import type { BuiltMessage, MessageInput } from "./types";

/** Nested keys deeper than this are kept as one JSON string. */
const MAX_DEPTH = 16;

/**
 * Flat JSON for a Zapier Catch Hook: the Standard Webhooks envelope with nested keys joined by
 * `__` (`data__event__details__order__id`), arrays of objects as JSON strings. The envelope's
 * own keys are there every time (null when they do not apply), so a Zap can map them once.
 */
export function zapierMessage(input: MessageInput): BuiltMessage {
  const triggeredBy = { id: input.triggeredBy?.id ?? null, email: input.triggeredBy?.email ?? null, name: input.triggeredBy?.name ?? null };
  const subscription = { id: input.subscriptionId ?? null };
  let envelope: { type: string; timestamp: string; data: Record<string, unknown> };
  if (input.kind === "event") {
    const e = eventEnvelope({ event: input.event, triggeredBy: input.triggeredBy, now: input.now });
    envelope = { ...e, data: { ...e.data, triggeredBy, subscription } };
  } else if (input.kind === "test") {
    const e = testEnvelope({
      portalName: input.portal.name,
      workspace: input.workspace,
      integration: input.integration,
      triggeredBy: input.triggeredBy,
      now: input.now,
    });
    envelope = { ...e, data: { ...e.data, triggeredBy } };
  } else {
    envelope = {
      type: "integration.triggered",
      timestamp: input.now.toISOString(),
      data: {
        portal: input.portal.name,
        integration: { id: input.integration.id, name: input.integration.name, slug: input.integration.slug },
        triggeredBy,
        subscription,
      },
    };
  }
  return { body: JSON.stringify(flatten(envelope)), contentType: "application/json" };
}

/**
 * `{a: {b: 1}, c: [{d: 2}]}` → `{"a__b": 1, "c": "[{\"d\":2}]"}`; arrays of plain values stay arrays.
 * Names are unambiguous, so no two values ever share one: each key is written as it is, except
 * that `~` becomes `~~`, every `_` of a run of two or more and a trailing `_` become `~u`, and the
 * empty key becomes `~e`. So `__` only ever separates keys (`{"a__b": 1}` → `a~u~ub`, apart from
 * `{"a": {"b": 1}}` → `a__b`), and ordinary keys (`order_id`, `_id`) read as they are.
 */
export function flatten(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (node: unknown, key: string, depth: number) => {
    if (node !== null && typeof node === "object" && !Array.isArray(node)) {
      const entries = Object.entries(node);
      if (entries.length === 0 || depth >= MAX_DEPTH) {
        out[key] = entries.length === 0 ? null : JSON.stringify(node);
        return;
      }
      for (const [k, v] of entries) walk(v, key ? `${key}__${flatKey(k)}` : flatKey(k), depth + 1);
      return;
    }
    if (Array.isArray(node)) {
      out[key] = node.some((item) => item !== null && typeof item === "object") ? JSON.stringify(node) : node;
      return;
    }
    out[key] = node === undefined ? null : node;
  };
  walk(value, "", 0);
  return out;
}

/** One key as it appears in a flattened name (see flatten). */
export function flatKey(key: string): string {
  if (key === "") return "~e";
  const escaped = key.replace(/~/g, "~~").replace(/_{2,}/g, (run) => "~u".repeat(run.length));
  return escaped.endsWith("_") ? `${escaped.slice(0, -1)}~u` : escaped;
}
