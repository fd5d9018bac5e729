"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";
import { useWorkspaceApiHref } from "@/components/shell/workspace-context";
import type { DeliveryStateQuery } from "@/lib/executions/delivery-state";

const POLL_MS = 2_000;

/**
 * Keeps a server-rendered page that shows delivery state current while it is open: every two
 * seconds (while the tab is visible) it asks for the state's fingerprint — a handful of index
 * probes on the server, nothing rendered — and reloads the page's data only when that differs from
 * the fingerprint the page was rendered with. What the reader typed or opened on the page stays.
 */
export function LiveRefresh({ scope, fingerprint }: { scope: DeliveryStateQuery; fingerprint: string }) {
  const router = useRouter();
  const toApi = useWorkspaceApiHref();
  const [refreshing, startTransition] = useTransition();
  const shown = useRef(fingerprint);
  useEffect(() => {
    shown.current = fingerprint;
  }, [fingerprint]);
  const params = new URLSearchParams(Object.entries(scope).filter((e): e is [string, string] => typeof e[1] === "string"));
  const { data } = useQuery({
    queryKey: ["delivery-state", toApi("/api/v1"), params.toString()],
    queryFn: async () => {
      const res = await fetch(`${toApi("/api/v1/executions/state")}?${params}`, { headers: { Accept: "application/json" } });
      if (!res.ok) throw new Error(`GET /api/v1/executions/state: ${res.status}`);
      return ((await res.json()) as { fingerprint: string }).fingerprint;
    },
    refetchInterval: POLL_MS,
    staleTime: 0,
  });
  useEffect(() => {
    if (!data || data === shown.current || refreshing) return;
    shown.current = data;
    startTransition(() => router.refresh());
  }, [data, refreshing, router]);
  return <span hidden data-testid="live-refresh" data-fingerprint={fingerprint} />;
}
