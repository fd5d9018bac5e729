"use client";
import { useSearchParams } from "next/navigation";
import { firstErrors, UrlFilters, type FilterField } from "@/components/filters/url-filters";
import { ATTEMPT_KINDS, ATTEMPT_MODES, ATTEMPT_STATUSES, listExecutionsQuery, SEARCH_DAYS } from "@/lib/executions/schemas";
import { KIND_LABEL, MODE_LABEL, STATUS_LABEL } from "./labels";

/** `labels`: the names of the integration and user chosen in the URL, by id. */
export function ExecutionFilters({ labels }: { labels: Record<string, string> }) {
  const params = useSearchParams();
  const labelOf = (name: string) => labels[params.get(name) ?? ""];
  const fields: FilterField[] = [
    {
      name: "q",
      label: `Text in the request or response body (last ${SEARCH_DAYS} days)`,
      type: "text",
      placeholder: "e.g. order_123",
      wide: true,
    },
    { name: "integrationId", label: "Integration", type: "search", field: "integration", selectedLabel: labelOf("integrationId") },
    { name: "status", label: "Status", type: "select", options: ATTEMPT_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] })) },
    { name: "mode", label: "Mode", type: "select", options: ATTEMPT_MODES.map((m) => ({ value: m, label: MODE_LABEL[m] })) },
    { name: "kind", label: "Kind", type: "select", options: ATTEMPT_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] })) },
    { name: "triggeredBy", label: "Triggered by", type: "search", field: "user", selectedLabel: labelOf("triggeredBy") },
    { name: "eventId", label: "Event id", type: "text", placeholder: "Event UUID" },
    { name: "from", label: "Started from", type: "date" },
    { name: "to", label: "Started to", type: "date" },
  ];
  return (
    <UrlFilters
      label="Filter executions"
      idPrefix="executions"
      fields={fields}
      validate={(v) => firstErrors(listExecutionsQuery.safeParse(v))}
      keep={["view"]}
    />
  );
}
