/** Lines beyond which the diff is not computed line by line (quadratic): the audit keeps both sides' sizes instead. */
const MAX_CELLS = 4_000_000;

/**
 * A line diff of two versions of code, in the unified style without hunk headers: "-" for a line
 * removed, "+" for a line added, unchanged lines omitted. Enough for an audit row to say what changed.
 */
export function lineDiff(before: string, after: string): string {
  const a = before === "" ? [] : before.split("\n");
  const b = after === "" ? [] : after.split("\n");
  if (a.length * b.length > MAX_CELLS) return `(too large to compare line by line: ${a.length} lines before, ${b.length} after)`;
  // Longest common subsequence, from the end, so the walk below goes forward.
  const lcs: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) out.push(`-${a[i++]}`);
    else out.push(`+${b[j++]}`);
  }
  return out.join("\n");
}
