"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";

const SHOW_AFTER_MS = 150;

/**
 * A bar at the top of the window and a "Loading…" status while a link inside the portal takes
 * time to open. (A loading.tsx boundary would do it too, but it streams the page, and a streamed
 * page answers 200 where forbidden() or notFound() must answer 403 or 404.)
 */
export function NavigationProgress() {
  const here = `${usePathname()}?${useSearchParams()}`;
  // The address a navigation started from: the bar shows until the address is another one.
  const [from, setFrom] = useState<string | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const click = (event: MouseEvent) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element | null)?.closest?.("a[href]");
      if (!(anchor instanceof HTMLAnchorElement) || anchor.target === "_blank" || anchor.hasAttribute("download")) return;
      const to = new URL(anchor.href, window.location.href);
      const current = `${window.location.pathname}?${window.location.search.slice(1)}`;
      if (to.origin !== window.location.origin || `${to.pathname}?${to.search.slice(1)}` === current) return;
      clearTimeout(timer);
      timer = setTimeout(() => setFrom(current), SHOW_AFTER_MS);
    };
    document.addEventListener("click", click);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("click", click);
    };
  }, []);
  if (from !== null && from !== here) setFrom(null); // arrived: forget where it started, or coming back there would show it again
  if (from === null) return null;
  return (
    <>
      <div aria-hidden className="fixed inset-x-0 top-0 z-50 h-0.5 overflow-hidden bg-primary/20">
        <div className="h-full w-1/3 animate-pulse bg-primary" />
      </div>
      <p
        role="status"
        className="fixed bottom-4 left-1/2 z-50 -translate-x-1/2 rounded-md border bg-popover px-3 py-1.5 text-sm text-popover-foreground shadow-md"
      >
        Loading…
      </p>
    </>
  );
}
