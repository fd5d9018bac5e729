import type { Tx } from "@/lib/db";
import { invalid } from "@/lib/errors";
import { matchesEventType, type EventFilter } from "@/lib/webhooks/match";
import { schemaAllowsPath } from "./contract/schema-paths";
import type { JsonSchemaObject } from "./contract/validator";
import { inScope } from "./scope";

/**
 * Refuses a subscription filter on a detail path that no event of its types can have: for each
 * `details.…` path, the types the subscription names (exact names and wildcards) that have a
 * schema must let at least one of them have it. Types without a schema cannot say: the form
 * warns about those (lib/event-types/filter-paths.ts), the server lets them through.
 */
export async function assertFilterFitsSchemas(tx: Tx, eventTypes: readonly string[], filter: EventFilter | null | undefined) {
  const paths = Object.keys(filter ?? {}).filter((p) => p.startsWith("details."));
  if (paths.length === 0 || eventTypes.includes("*")) return;
  const rows = await tx.eventType.findMany({
    where: inScope({ schemaVersion: { not: null } }),
    select: { name: true, schemas: { orderBy: { version: "desc" }, take: 1, select: { schema: true, version: true } } },
  });
  const typed = rows.filter((r) => matchesEventType(eventTypes, r.name) && r.schemas[0]);
  // A named type without a schema (or a wildcard matching one) could carry anything.
  const exact = eventTypes.filter((t) => !t.endsWith("*"));
  if (exact.some((t) => !typed.some((r) => r.name === t))) return;
  if (eventTypes.some((t) => t.endsWith(".*")) || typed.length === 0) {
    if (typed.length === 0) return;
    const wildcards = eventTypes.filter((t) => t.endsWith(".*"));
    const untyped = await tx.eventType.count({
      where: inScope({ schemaVersion: null, OR: wildcards.map((w) => ({ name: { startsWith: w.slice(0, -1) } })) }),
    });
    if (untyped > 0) return;
  }
  const problems: string[] = [];
  for (const path of paths) {
    const segments = path.split(".").slice(1);
    if (typed.some((r) => schemaAllowsPath(r.schemas[0].schema as JsonSchemaObject, segments))) continue;
    problems.push(`${path}: no event of ${typed.map((r) => `${r.name} (schema version ${r.schemas[0].version})`).join(", ")} can have it`);
  }
  if (problems.length > 0) throw invalid("The filter names detail paths the event types' schemas do not have.", { filter: problems });
}
