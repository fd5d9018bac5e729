import type { CSSProperties, ReactNode } from "react";
import { cn } from "./cn";

export type DescriptionItem = readonly [term: string, value: ReactNode];

/** Terms and their values in two aligned columns (one column on narrow screens). */
export function DescriptionList({
  items,
  className,
  termWidth = "8rem",
}: {
  items: readonly DescriptionItem[];
  className?: string;
  termWidth?: string;
}) {
  return (
    <dl
      className={cn("grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[var(--term)_1fr]", className)}
      style={{ "--term": termWidth } as CSSProperties}
    >
      {items.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-muted-foreground">{term}</dt>
          <dd className="min-w-0 break-words whitespace-pre-line">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
