"use client";
import { firstErrors, UrlFilters, type FilterField } from "@/components/filters/url-filters";
import { actionLabel } from "@/lib/audit-log/action-labels";
import { listAuditLogQuery } from "@/lib/audit-log/schemas";

const TARGET_TYPES = ["api_token", "event", "execution", "integration", "user"];

/** `actorLabel`: the email of the actor chosen in the URL. */
export function AuditFilters({ actions, actorLabel }: { actions: string[]; actorLabel?: string }) {
  const fields: FilterField[] = [
    { name: "actorId", label: "Actor", type: "search", field: "user", selectedLabel: actorLabel },
    { name: "action", label: "Action", type: "select", options: actions.map((a) => ({ value: a, label: `${actionLabel(a)} (${a})` })) },
    { name: "targetType", label: "Target type", type: "select", options: TARGET_TYPES.map((t) => ({ value: t, label: t })) },
    { name: "target", label: "Target", type: "text", placeholder: "Name or id" },
    { name: "from", label: "From", type: "date" },
    { name: "to", label: "To", type: "date" },
  ];
  return (
    <UrlFilters
      label="Filter the audit log"
      idPrefix="audit"
      fields={fields}
      validate={(v) => firstErrors(listAuditLogQuery.safeParse(v))}
    />
  );
}
