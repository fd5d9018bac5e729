export type DiffChange =
  | { path: string; kind: "added"; after: unknown }
  | { path: string; kind: "removed"; before: unknown }
  | { path: string; kind: "changed"; before: unknown; after: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * What changed between an audit entry's `before` and `after`, key by key: nested objects are
 * followed (paths like "webhook.url"), arrays and other values are compared whole. Unchanged
 * keys are left out; the order is that of the keys, before's first.
 */
export function diffValues(before: unknown, after: unknown, path = ""): DiffChange[] {
  // A creation (no before) or a deletion (no after) of an object: every key added or removed.
  if (before == null && isObject(after)) before = {};
  if (after == null && isObject(before)) after = {};
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => {
      const at = path ? `${path}.${key}` : key;
      if (!(key in before)) return [{ path: at, kind: "added" as const, after: after[key] }];
      if (!(key in after)) return [{ path: at, kind: "removed" as const, before: before[key] }];
      return diffValues(before[key], after[key], at);
    });
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (before === undefined || before === null) return [{ path: path || "(value)", kind: "added", after }];
  if (after === undefined || after === null) return [{ path: path || "(value)", kind: "removed", before }];
  return [{ path: path || "(value)", kind: "changed", before, after }];
}
