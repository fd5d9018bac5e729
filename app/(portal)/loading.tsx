import { LoaderCircle } from "lucide-react";

/** Shown in place of a page while it loads, so a slow navigation says it is under way. */
export default function Loading() {
  return (
    <div role="status" className="flex items-center gap-2 py-10 text-sm text-muted-foreground">
      <LoaderCircle className="size-4 animate-spin" aria-hidden />
      Loading…
    </div>
  );
}
