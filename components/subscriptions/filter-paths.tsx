"use client";
import type { DetailPath } from "@/lib/event-types/list-detail-paths";
import { parseFilterText } from "@/lib/subscriptions/schemas";
import { matchesEventType } from "@/lib/webhooks/match";

export type DetailPathsByType = Record<string, { version: number; paths: DetailPath[] }>;

/** A value of the path's kind to start a condition with. */
function placeholder(p: DetailPath): unknown {
  if (p.enum && p.enum.length > 0) return p.enum[0];
  if (p.types.includes("number") || p.types.includes("integer")) return { $gte: 0 };
  if (p.types.includes("boolean")) return true;
  if (p.types.includes("object") || p.types.includes("array")) return { $exists: true };
  return "";
}

/**
 * Under the filter field: the detail paths the chosen types' schemas declare, each adding a
 * condition on it when pressed, and a warning for detail paths the portal cannot check because a
 * chosen type has no schema. (Paths a schema cannot have are refused by the server.)
 */
export function FilterPaths({
  eventTypes,
  filterText,
  knownTypes,
  detailPaths,
  onChange,
}: {
  eventTypes: string[];
  filterText: string;
  knownTypes: string[];
  detailPaths: DetailPathsByType;
  onChange: (text: string) => void;
}) {
  const chosen = [...new Set([...knownTypes, ...eventTypes.filter((t) => !t.includes("*"))])].filter((t) =>
    matchesEventType(eventTypes, t),
  );
  const offered = new Map<string, DetailPath>();
  for (const type of chosen) for (const p of detailPaths[type]?.paths ?? []) if (!offered.has(p.path)) offered.set(p.path, p);
  const parsed = parseFilterText(filterText);
  const filter = parsed.ok && parsed.value && typeof parsed.value === "object" && !Array.isArray(parsed.value) ? parsed.value : null;
  const usedDetailPaths = Object.keys(filter ?? {}).filter((k) => k.startsWith("details."));
  const unchecked = chosen.filter((t) => !detailPaths[t]);
  const add = (p: DetailPath) => onChange(JSON.stringify({ ...(filter ?? {}), [p.path]: placeholder(p) }, null, 2));
  if (offered.size === 0 && (usedDetailPaths.length === 0 || unchecked.length === 0)) return null;
  return (
    <div className="grid gap-2 text-xs" data-testid="filter-paths">
      {offered.size > 0 && (
        <div className="grid gap-1">
          <span className="text-muted-foreground">Detail paths in the schemas of the chosen types (press one to filter on it):</span>
          <div className="flex flex-wrap gap-1">
            {[...offered.values()].map((p) => (
              <button
                key={p.path}
                type="button"
                onClick={() => add(p)}
                className="rounded border bg-muted px-1.5 py-0.5 font-mono hover:bg-accent"
                title={p.types.join(" | ") || "any"}
              >
                {p.path}
              </button>
            ))}
          </div>
        </div>
      )}
      {usedDetailPaths.length > 0 && unchecked.length > 0 && (
        <p className="text-amber-700 dark:text-amber-400" role="status">
          {unchecked.join(", ")} {unchecked.length === 1 ? "has" : "have"} no schema: the portal cannot check that{" "}
          {usedDetailPaths.join(", ")} can exist in {unchecked.length === 1 ? "its" : "their"} events.
        </p>
      )}
    </div>
  );
}
