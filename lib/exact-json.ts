import { invalid } from "@/lib/errors";

/**
 * JSON.parse that never changes a number silently. A JSON number becomes a 64-bit float in
 * JavaScript, and is stored and sent again as that float: 12345678901234567890 would come back as
 * 12345678901234567000, 1e-400 as 0, -0 as 0, and 1e309 cannot be held at all. Such a number is
 * refused, with its path and the reason; any number whose value survives (1.0, 1e2, 0.1 …) is
 * taken, written in its shortest form. Duplicate keys keep the last, as JSON.parse does.
 * A syntax error is JSON.parse's SyntaxError, for the caller to answer.
 */
export function parseJsonExactly(text: string): unknown {
  const lossy: { source: string; holder: object; key: string }[] = [];
  const value: unknown = (JSON.parse as ExactParse)(text, function (this: object, key, parsed, context) {
    if (typeof parsed === "number" && context?.source !== undefined && !keepsNumber(context.source, parsed))
      lossy.push({ source: context.source, holder: this, key });
    return parsed;
  });
  if (lossy.length === 0) return value;
  const paths = pathsOf(value, new Set(lossy.map((l) => l.holder)));
  const fieldErrors: Record<string, string[]> = {};
  for (const { source, holder, key } of lossy.slice(0, 20)) {
    const path = [...(paths.get(holder) ?? []), key].filter((part) => part !== "");
    const field = path.length > 0 ? path[0] : "body";
    const where = path.length > 0 ? path.join(".") : "The body";
    (fieldErrors[field] ??= []).push(`${where}: ${source} ${whyLost(source)}; send it as a string to keep it exactly.`);
  }
  const first = Object.values(fieldErrors)[0][0];
  throw invalid(first, fieldErrors);
}

type ExactParse = (text: string, reviver: (this: object, key: string, value: unknown, context?: { source?: string }) => unknown) => unknown;

/** Whether `parsed` (what JSON.parse made of `source`) has exactly the value `source` writes. */
export function keepsNumber(source: string, parsed: number): boolean {
  if (!Number.isFinite(parsed) || Object.is(parsed, -0)) return false;
  return canonical(source) === canonical(String(parsed));
}

function whyLost(source: string): string {
  const n = Number(source);
  if (!Number.isFinite(n)) return "is beyond the range of numbers the portal can keep (about ±1.8e308)";
  if (n === 0)
    return /[1-9]/.test(source.split(/[eE]/)[0]) ? "is too small to keep: it would become 0" : "cannot be kept: it would become 0";
  return "has more significant digits than the portal can keep (15 to 17)";
}

/** A decimal number as `[-]digits e exponent`, without leading or trailing zeros; 0 as "0". */
function canonical(source: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(source);
  if (!m) return source;
  const [, sign, whole, fraction = "", exponent = "0"] = m;
  let digits = (whole + fraction).replace(/^0+/, "");
  if (digits === "") return sign === "-" ? "-0" : "0";
  let exp = Number(exponent) - fraction.length;
  const trailing = /0*$/.exec(digits)![0].length;
  digits = digits.slice(0, digits.length - trailing);
  exp += trailing;
  return `${sign}${digits}e${exp}`;
}

/** The path of each of `holders` within `root`, found breadth-first. */
function pathsOf(root: unknown, holders: Set<object>): Map<object, string[]> {
  const paths = new Map<object, string[]>();
  const queue: [unknown, string[]][] = [[root, []]];
  while (queue.length > 0 && paths.size < holders.size) {
    const [node, path] = queue.shift()!;
    if (!node || typeof node !== "object") continue;
    if (holders.has(node)) paths.set(node, path);
    for (const [key, child] of Object.entries(node)) if (child && typeof child === "object") queue.push([child, [...path, key]]);
  }
  return paths;
}
