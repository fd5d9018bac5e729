"use client";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Button } from "./button";

/**
 * Older/newer navigation over a cursor-paginated list kept in the URL. "Newer" goes back through
 * the cursors this tab has visited (browser history), so no OFFSET is ever needed.
 */
export function Pager({ nextCursor, hasPrevious }: { nextCursor: string | null; hasPrevious: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  if (!nextCursor && !hasPrevious) return null;

  const go = (cursor: string | null) => {
    const next = new URLSearchParams(params);
    if (cursor) next.set("cursor", cursor);
    else next.delete("cursor");
    router.push(`${pathname}?${next}`);
  };
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-end gap-2">
      <Button variant="outline" size="sm" disabled={!hasPrevious} onClick={() => (window.history.length > 1 ? router.back() : go(null))}>
        <ChevronLeft aria-hidden /> Newer
      </Button>
      <Button variant="outline" size="sm" disabled={!nextCursor} onClick={() => go(nextCursor)}>
        Older <ChevronRight aria-hidden />
      </Button>
    </nav>
  );
}
