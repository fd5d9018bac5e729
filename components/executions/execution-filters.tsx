"use client";
import { firstErrors, UrlFilters, type FilterField } from "@/components/filters/url-filters";
import type { FilterOptions } from "@/lib/executions/filter-options";
import { ATTEMPT_KINDS, ATTEMPT_MODES, ATTEMPT_STATUSES, listExecutionsQuery, SEARCH_DAYS } from "@/lib/executions/schemas";
import { KIND_LABEL, MODE_LABEL, STATUS_LABEL } from "./labels";

export function ExecutionFilters({ options }: { options: FilterOptions }) {
  const fields: FilterField[] = [
    { name: "integrationId", label: "Integration", type: "select", options: options.integrations.map((i) => ({ value: i.id, label: i.name })) },
    { name: "status", label: "Status", type: "select", options: ATTEMPT_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] })) },
    { name: "mode", label: "Mode", type: "select", options: ATTEMPT_MODES.map((m) => ({ value: m, label: MODE_LABEL[m] })) },
    { name: "kind", label: "Kind", type: "select", options: ATTEMPT_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] })) },
    { name: "triggeredBy", label: "Triggered by", type: "select", options: options.users.map((u) => ({ value: u.id, label: u.email })) },
    { name: "eventId", label: "Event id", type: "text", placeholder: "Event UUID" },
    { name: "q", label: `Text in bodies (last ${SEARCH_DAYS} days)`, type: "text", placeholder: "e.g. order_123" },
    { name: "from", label: "Started from", type: "date" },
    { name: "to", label: "Started before", type: "date" },
  ];
  return <UrlFilters label="Filter executions" idPrefix="executions" fields={fields} validate={(v) => firstErrors(listExecutionsQuery.safeParse(v))} />;
}
