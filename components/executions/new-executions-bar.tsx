"use client";
import { useQuery } from "@tanstack/react-query";
import { ArrowUp } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";

const POLL_MS = 5_000;
const LOOK_AHEAD = 50;

interface Row {
  id: string;
  startedAt: string;
}

/** Newest first by (startedAt, id), as the lists are ordered. */
const isNewer = (a: Row, b: Row) => {
  const [ta, tb] = [Date.parse(a.startedAt), Date.parse(b.startedAt)];
  return ta > tb || (ta === tb && a.id > b.id);
};

/**
 * Above the first page of an execution list: watches for attempts started since it was rendered
 * (elsewhere, by someone else) and offers them — "3 new executions · Show" reloads the list with
 * them at the top, without moving the rows under the reader's eyes until asked.
 */
export function NewExecutionsBar({ filter, newest }: { filter: Record<string, string | undefined>; newest: Row | null }) {
  const router = useRouter();
  const [showing, startTransition] = useTransition();
  const params = new URLSearchParams(
    Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1]) && e[0] !== "cursor" && e[0] !== "limit"),
  );
  params.set("limit", String(LOOK_AHEAD));
  const { data: fresh = 0 } = useQuery({
    queryKey: ["new-executions", params.toString(), newest?.id ?? null],
    queryFn: async () => {
      const res = await fetch(`/api/v1/executions?${params}`, { headers: { Accept: "application/json" } });
      if (!res.ok) throw new Error(`GET /api/v1/executions: ${res.status}`);
      const { data } = (await res.json()) as { data: Row[] };
      return newest ? data.filter((r) => isNewer(r, newest)).length : data.length;
    },
    refetchInterval: POLL_MS,
    staleTime: 0,
  });
  if (fresh === 0) return null;
  const count = fresh >= LOOK_AHEAD ? `${LOOK_AHEAD}+` : String(fresh);
  return (
    <div
      role="status"
      data-testid="new-executions"
      className="mb-2 flex items-center justify-between gap-3 rounded-md border border-sky-200 bg-sky-50 px-3 py-1.5 text-sm text-sky-900"
    >
      <span>
        {count} new {fresh === 1 ? "execution" : "executions"} since this list was loaded
      </span>
      <Button size="sm" variant="outline" pending={showing} onClick={() => startTransition(() => router.refresh())}>
        <ArrowUp aria-hidden /> Show
      </Button>
    </div>
  );
}
