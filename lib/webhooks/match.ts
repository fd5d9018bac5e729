/**
 * Does an event match a subscription? Pure: no database, so the fan-out, the subscription form's
 * validation and the tests share it.
 *
 * A subscription names event types (exact `incident.opened`, prefix `incident.*`, or `*`), an
 * optional minimum severity, optional sources, and an optional filter on the event's fields:
 *
 *     { "details.region": { "$in": ["eu", "us"] }, "details.amount": { "$gte": 100 }, "source": "pagerduty" }
 *
 * Every key is a path (`type`, `title`, `severity`, `source`, or `details.` followed by keys into
 * the details); every condition must hold. A condition is a value (equal to it) or an object of
 * operators: $eq $ne $in $nin $gt $gte $lt $lte $exists.
 */

export const SEVERITY_ORDER = ["info", "low", "medium", "high", "critical"] as const;

export const FILTER_OPERATORS = ["$eq", "$ne", "$in", "$nin", "$gt", "$gte", "$lt", "$lte", "$exists"] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export type FilterValue = string | number | boolean | null;
export type Condition = FilterValue | Partial<Record<FilterOperator, FilterValue | FilterValue[]>>;
export type EventFilter = Record<string, Condition>;

export interface MatchableEvent {
  type: string;
  title: string;
  severity: string;
  source: string;
  details: unknown;
}

export interface MatchRule {
  eventTypes: string[];
  minSeverity: string | null;
  sources: string[];
  filter: EventFilter | null;
}

const SEGMENT = "[a-z0-9]+(?:[_-][a-z0-9]+)*";
/** `incident.opened`, or a prefix wildcard `incident.*` / `incident.sla.*`, or `*`. */
export const EVENT_TYPE_PATTERN = new RegExp(`^(?:\\*|${SEGMENT}(?:\\.${SEGMENT})*\\.\\*|${SEGMENT}(?:\\.${SEGMENT})+)$`);

/** The top-level fields a filter may name; only `details` has fields of its own. */
const SCALAR_FIELDS = new Set(["type", "title", "severity", "source"]);
export const MAX_FILTER_CONDITIONS = 20;
export const MAX_FILTER_PATH_DEPTH = 8;
export const MAX_IN_VALUES = 100;

export function matchesEventType(patterns: readonly string[], type: string): boolean {
  return patterns.some((p) => p === "*" || p === type || (p.endsWith(".*") && type.startsWith(p.slice(0, -1))));
}

export function severityAtLeast(severity: string, minimum: string | null): boolean {
  if (!minimum) return true;
  return SEVERITY_ORDER.indexOf(severity as never) >= SEVERITY_ORDER.indexOf(minimum as never);
}

export function matchesEvent(rule: MatchRule, event: MatchableEvent): boolean {
  if (!matchesEventType(rule.eventTypes, event.type)) return false;
  if (!severityAtLeast(event.severity, rule.minSeverity)) return false;
  if (rule.sources.length > 0 && !rule.sources.includes(event.source)) return false;
  if (!rule.filter) return true;
  return Object.entries(rule.filter).every(([path, condition]) => holds(condition, lookup(event, path)));
}

/** Why a rule does or does not take an event: the first of its conditions that excludes it, as the matcher checks them. */
export type MatchExplanation =
  | { matched: true }
  | { matched: false; rule: "type"; message: string }
  | { matched: false; rule: "severity"; message: string }
  | { matched: false; rule: "source"; message: string }
  | { matched: false; rule: "filter"; path: string; message: string };

/**
 * matchesEvent, explained: whether the rule takes the event and, when it does not, which of its
 * conditions excludes it — the event type, the minimum severity, the sources, or which condition of
 * the filter (its path). Checked in the matcher's order; agrees with matchesEvent on every input.
 */
export function explainMatch(rule: MatchRule, event: MatchableEvent): MatchExplanation {
  if (!matchesEventType(rule.eventTypes, event.type))
    return { matched: false, rule: "type", message: `Its type ${event.type} is not one of ${rule.eventTypes.join(", ")}` };
  if (!severityAtLeast(event.severity, rule.minSeverity))
    return { matched: false, rule: "severity", message: `Its severity ${event.severity} is below the minimum, ${rule.minSeverity}` };
  if (rule.sources.length > 0 && !rule.sources.includes(event.source))
    return { matched: false, rule: "source", message: `Its source ${event.source} is not one of ${rule.sources.join(", ")}` };
  for (const [path, condition] of Object.entries(rule.filter ?? {})) {
    const value = lookup(event, path);
    if (!holds(condition, value)) {
      const found = value === MISSING ? "it has no such field" : `it has ${shorten(JSON.stringify(value) ?? String(value))}`;
      return { matched: false, rule: "filter", path, message: `The filter on ${path} wants ${JSON.stringify(condition)}; ${found}` };
    }
  }
  return { matched: true };
}

const shorten = (text: string) => (text.length > 120 ? `${text.slice(0, 119)}…` : text);

const MISSING = Symbol("missing");
type Found = unknown | typeof MISSING;

function lookup(event: MatchableEvent, path: string): Found {
  const [head, ...rest] = path.split(".");
  if (SCALAR_FIELDS.has(head)) return rest.length === 0 ? event[head as keyof MatchableEvent] : MISSING;
  if (head !== "details") return MISSING;
  let node: unknown = event.details;
  for (const key of rest) {
    if (!node || typeof node !== "object" || Array.isArray(node) || !Object.hasOwn(node, key)) return MISSING;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function holds(condition: Condition, value: Found): boolean {
  if (!isOperatorObject(condition)) return value !== MISSING && equal(value, condition);
  return Object.entries(condition).every(([op, operand]) => applies(op as FilterOperator, operand as FilterValue | FilterValue[], value));
}

function applies(op: FilterOperator, operand: FilterValue | FilterValue[], value: Found): boolean {
  switch (op) {
    case "$exists":
      return (value !== MISSING) === Boolean(operand);
    case "$eq":
      return value !== MISSING && equal(value, operand as FilterValue);
    case "$ne":
      return value === MISSING || !equal(value, operand as FilterValue);
    case "$in":
      return value !== MISSING && (operand as FilterValue[]).some((o) => equal(value, o));
    case "$nin":
      return value === MISSING || !(operand as FilterValue[]).some((o) => equal(value, o));
    case "$gt":
    case "$gte":
    case "$lt":
    case "$lte":
      return compare(op, value, operand as FilterValue);
  }
}

/** Scalars compare by value; an array on the event's side matches when any element does. */
function equal(value: unknown, operand: FilterValue): boolean {
  if (Array.isArray(value)) return value.some((v) => v === operand);
  return value === operand;
}

/** Ordering needs two numbers or two strings (ISO timestamps compare as strings); otherwise false. */
function compare(op: "$gt" | "$gte" | "$lt" | "$lte", value: Found, operand: FilterValue): boolean {
  if (!((typeof value === "number" && typeof operand === "number") || (typeof value === "string" && typeof operand === "string")))
    return false;
  switch (op) {
    case "$gt":
      return value > operand;
    case "$gte":
      return value >= operand;
    case "$lt":
      return value < operand;
    case "$lte":
      return value <= operand;
  }
}

function isOperatorObject(condition: Condition): condition is Partial<Record<FilterOperator, FilterValue | FilterValue[]>> {
  return condition !== null && typeof condition === "object";
}

const isScalar = (v: unknown): v is FilterValue => v === null || ["string", "number", "boolean"].includes(typeof v);

/**
 * What is wrong with a filter, by path (empty when nothing is): unknown operators, paths that
 * cannot exist on an event, operands of the wrong kind. The API answers these as field errors.
 */
export function filterProblems(filter: unknown): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (path: string, message: string) => (problems[path] ??= []).push(message);
  if (!filter || typeof filter !== "object" || Array.isArray(filter)) {
    add("filter", 'Send the filter as an object, e.g. {"details.region": {"$in": ["eu"]}}');
    return problems;
  }
  const entries = Object.entries(filter);
  if (entries.length > MAX_FILTER_CONDITIONS) add("filter", `Use at most ${MAX_FILTER_CONDITIONS} conditions`);
  for (const [path, condition] of entries) {
    const key = `filter.${path}`;
    const pathProblem = pathProblemOf(path);
    if (pathProblem) add(key, pathProblem);
    if (isScalar(condition)) continue;
    if (typeof condition !== "object" || Array.isArray(condition)) {
      add(key, 'Use a value, or an object of operators such as {"$in": ["eu"]}');
      continue;
    }
    const ops = Object.entries(condition as Record<string, unknown>);
    if (ops.length === 0) add(key, "Name at least one operator");
    const impossible = contradiction(condition as Record<string, unknown>);
    if (impossible) add(key, impossible);
    for (const [op, operand] of ops) {
      if (!(FILTER_OPERATORS as readonly string[]).includes(op)) {
        add(key, `Unknown operator ${op}; use one of ${FILTER_OPERATORS.join(" ")}`);
      } else if (op === "$in" || op === "$nin") {
        if (!Array.isArray(operand) || operand.length === 0 || !operand.every(isScalar)) add(key, `${op} takes a non-empty list of values`);
        else if (operand.length > MAX_IN_VALUES) add(key, `${op} takes at most ${MAX_IN_VALUES} values`);
      } else if (op === "$exists") {
        if (typeof operand !== "boolean") add(key, "$exists takes true or false");
      } else if (op === "$gt" || op === "$gte" || op === "$lt" || op === "$lte") {
        if (typeof operand !== "number" && typeof operand !== "string") add(key, `${op} takes a number or a string`);
      } else if (!isScalar(operand)) {
        add(key, `${op} takes a single value`);
      }
    }
  }
  return problems;
}

const NEEDS_A_VALUE = ["$eq", "$in", "$gt", "$gte", "$lt", "$lte"];

/** Why operators that are each valid can never hold together, or null. */
function contradiction(ops: Record<string, unknown>): string | null {
  const needing = NEEDS_A_VALUE.filter((op) => op in ops);
  if (ops.$exists === false && needing.length > 0) return `$exists: false and ${needing[0]} can never hold together`;
  const lower = ops.$gt ?? ops.$gte;
  const upper = ops.$lt ?? ops.$lte;
  if (
    lower !== undefined &&
    upper !== undefined &&
    (typeof lower !== typeof upper || (typeof lower !== "number" && typeof lower !== "string"))
  )
    return "Compare with a lower and an upper bound of the same kind (two numbers or two strings)";
  if (typeof lower === typeof upper && lower !== undefined && upper !== undefined) {
    const l = lower as number | string;
    const u = upper as number | string;
    const inclusive = "$gte" in ops && "$lte" in ops && !("$gt" in ops) && !("$lt" in ops);
    if (l > u || (l === u && !inclusive)) return "The lower bound is above the upper bound: nothing can match";
  }
  return null;
}

function pathProblemOf(path: string): string | null {
  const segments = path.split(".");
  if (segments.some((s) => s === "")) return "Use dot-separated keys without empty parts";
  const [head, ...rest] = segments;
  if (SCALAR_FIELDS.has(head)) return rest.length === 0 ? null : `${head} has no fields of its own`;
  if (head !== "details") return "Filter on type, title, severity, source or details.<key>";
  if (rest.length === 0) return "Name a key inside details, e.g. details.region";
  if (rest.length > MAX_FILTER_PATH_DEPTH) return `Use at most ${MAX_FILTER_PATH_DEPTH} keys below details`;
  if (rest.includes("__proto__")) return "Events never hold a key named __proto__ (they are refused), so this could never match";
  return null;
}
