"use client";
import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import type { AttemptSummary } from "@/lib/executions/views";

type Live = Pick<AttemptSummary, "status" | "httpStatus" | "durationMs" | "errorClass" | "errorMessage">;
interface ExecutionJson extends Omit<Live, "httpStatus"> {
  response: { status: number | null } | null;
}

const POLL_MS = 1500;

async function fetchOutcome(id: string): Promise<Live> {
  const res = await fetch(`/api/v1/executions/${id}`, { headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error(`GET /api/v1/executions/${id}: ${res.status}`);
  const a = (await res.json()) as ExecutionJson;
  return {
    status: a.status,
    httpStatus: a.response?.status ?? null,
    durationMs: a.durationMs,
    errorClass: a.errorClass,
    errorMessage: a.errorMessage,
  };
}

const dataOf = (results: { data?: Live }[]) => results.map((r) => r.data);

/**
 * The rows, with each pending one polled until it has an outcome, then shown with it. The array
 * keeps its identity until something changes: a table fed a new array on every render re-renders
 * without end.
 */
export function useLiveExecutions<T extends AttemptSummary>(rows: T[]): T[] {
  const pending = useMemo(() => rows.filter((r) => r.status === "pending" || r.status === "queued"), [rows]);
  const outcomes = useQueries({
    queries: pending.map((r) => ({
      queryKey: ["execution-outcome", r.id],
      queryFn: () => fetchOutcome(r.id),
      refetchInterval: (q: { state: { data?: Live } }) =>
        q.state.data && !["pending", "queued"].includes(q.state.data.status) ? false : POLL_MS,
    })),
    combine: dataOf,
  });
  return useMemo(() => {
    const byId = new Map(pending.map((r, i) => [r.id, outcomes[i]]));
    return rows.map((r) => {
      const live = byId.get(r.id);
      return live ? { ...r, ...live } : r;
    });
  }, [rows, pending, outcomes]);
}
