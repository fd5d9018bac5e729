import { diffValues } from "@/lib/audit-log/diff";

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
const MARK = {
  added: { sign: "+", label: "added", tone: "text-emerald-800 bg-emerald-50" },
  removed: { sign: "−", label: "removed", tone: "text-red-800 bg-red-50" },
  changed: { sign: "~", label: "changed", tone: "text-amber-900 bg-amber-50" },
} as const;

/** What an audited change did, key by key: added, removed, changed from → to. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const changes = diffValues(before, after);
  if (changes.length === 0) return <p className="text-sm text-muted-foreground">No recorded values.</p>;
  return (
    <table className="w-full text-xs">
      <caption className="sr-only">Changes</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">Change</th>
          <th scope="col">Key</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.path} className="align-top">
            <td className={`w-24 rounded-l px-2 py-1 font-medium ${MARK[c.kind].tone}`}>
              <span aria-hidden>{MARK[c.kind].sign} </span>
              {MARK[c.kind].label}
            </td>
            <th scope="row" className="px-2 py-1 text-left font-mono font-medium">
              {c.path}
            </th>
            <td className="break-all px-2 py-1 font-mono">
              {c.kind === "added" && <ins className="no-underline text-emerald-800">{show(c.after)}</ins>}
              {c.kind === "removed" && <del className="text-red-800">{show(c.before)}</del>}
              {c.kind === "changed" && (
                <>
                  <del className="text-red-800">{show(c.before)}</del>
                  <span aria-hidden> → </span>
                  <span className="sr-only"> to </span>
                  <ins className="no-underline text-emerald-800">{show(c.after)}</ins>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
