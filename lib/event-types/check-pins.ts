import type { Tx } from "@/lib/db";
import { invalid } from "@/lib/errors";
import { matchesEventType } from "@/lib/webhooks/match";
import { inScope } from "./scope";

/**
 * A subscription's pins name schema versions that exist, of types the subscription receives:
 * `{ "order.paid": 2 }` says its receiver is built for version 2 of order.paid.
 */
export async function assertPinsExist(tx: Tx, eventTypes: readonly string[], pins: unknown) {
  const entries = Object.entries((pins ?? {}) as Record<string, number>);
  if (entries.length === 0) return;
  const problems: string[] = [];
  for (const [type, version] of entries) {
    if (!matchesEventType(eventTypes, type)) {
      problems.push(`${type}: the subscription does not receive this type`);
      continue;
    }
    const found = await tx.eventTypeSchema.findFirst({
      where: { typeName: type, version, eventType: inScope({}) },
      select: { version: true },
    });
    if (!found) problems.push(`${type}: there is no schema version ${version}`);
  }
  if (problems.length > 0) throw invalid("A pinned schema version does not exist.", { schemaPins: problems });
}
