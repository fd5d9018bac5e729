/** "1,234 executions match these filters", or "More than 10,000 …" where counting stopped. */
export function ResultCount({
  count,
  more,
  noun,
  filtered,
}: {
  count: number;
  more: boolean;
  noun: { one: string; many: string };
  filtered: boolean;
}) {
  const number = count.toLocaleString("en-US");
  const what = count === 1 && !more ? noun.one : noun.many;
  return (
    <p data-testid="result-count" className="mb-2 text-sm text-muted-foreground">
      {more ? (
        <>
          More than {number} {what}
        </>
      ) : (
        <>
          {number} {what}
        </>
      )}
      {filtered ? (count === 1 && !more ? " matches these filters" : " match these filters") : " in all"}
      {more && " (counting stops there, to stay fast)"}.
    </p>
  );
}
