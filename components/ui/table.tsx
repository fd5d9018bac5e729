import type { ComponentProps } from "react";
import { cn } from "./cn";

export const Table = ({ className, ...p }: ComponentProps<"table">) => (
  <div className="relative w-full overflow-x-auto rounded-lg border bg-card">
    <table className={cn("w-full caption-bottom text-sm", className)} {...p} />
  </div>
);
export const THead = ({ className, ...p }: ComponentProps<"thead">) => (
  <thead className={cn("bg-muted/60 [&_tr]:border-b", className)} {...p} />
);
export const TBody = ({ className, ...p }: ComponentProps<"tbody">) => (
  <tbody className={cn("[&_tr:last-child]:border-0", className)} {...p} />
);
export const TR = ({ className, ...p }: ComponentProps<"tr">) => (
  <tr className={cn("border-b transition-colors hover:bg-muted/40", className)} {...p} />
);
export const TH = ({ className, ...p }: ComponentProps<"th">) => (
  <th
    className={cn("h-10 px-2 text-left align-middle text-xs sm:px-3 font-medium uppercase tracking-wide text-muted-foreground", className)}
    {...p}
  />
);
/** A column that narrow screens leave out (give it to the column's TH and TDs). */
export const WIDE_ONLY = "hidden md:table-cell";

export const TD = ({ className, ...p }: ComponentProps<"td">) => (
  <td className={cn("px-2 py-2.5 align-middle sm:px-3", className)} {...p} />
);
