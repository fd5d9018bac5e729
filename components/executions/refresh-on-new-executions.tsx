"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

const POLL_MS = 2000;

/**
 * Keeps a server-rendered list of executions current: checks the newest matching attempt every
 * few seconds and renders the page again when a new one appears (an automatic delivery, or a
 * trigger from another tab or person).
 */
export function RefreshOnNewExecutions({ filter }: { filter: Record<string, string> }) {
  const router = useRouter();
  const query = new URLSearchParams({ ...filter, limit: "1" }).toString();
  const { data } = useQuery({
    queryKey: ["newest-execution", query],
    queryFn: async () => {
      const res = await fetch(`/api/v1/executions?${query}`, { headers: { Accept: "application/json" } });
      if (!res.ok) throw new Error(`GET /api/v1/executions: ${res.status}`);
      const page = (await res.json()) as { data: { id: string }[] };
      return page.data[0]?.id ?? "";
    },
    refetchInterval: POLL_MS,
  });
  const seen = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (data === undefined) return;
    if (seen.current !== undefined && seen.current !== data) router.refresh();
    seen.current = data;
  }, [data, router]);
  return null;
}
