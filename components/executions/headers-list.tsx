/** HTTP headers as a name/value list, in the order recorded. */
export function HeadersList({ headers, label }: { headers: Record<string, string>; label: string }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return <p className="text-sm text-muted-foreground">No headers.</p>;
  return (
    <dl
      aria-label={label}
      className="grid gap-x-4 gap-y-1 rounded-md border bg-muted/40 p-3 font-mono text-xs sm:grid-cols-[minmax(8rem,max-content)_minmax(0,1fr)]"
    >
      {entries.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="break-all text-muted-foreground">{name}</dt>
          <dd className="break-all">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
