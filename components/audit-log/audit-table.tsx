"use client";
import { ChevronDown, ChevronRight } from "lucide-react";
import { Fragment, useState } from "react";
import { WorkspaceLink } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/format";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TBody, TD, TH, THead, TR, WIDE_ONLY } from "@/components/ui/table";
import { actionLabel } from "@/lib/audit-log/action-labels";
import type { AuditEntryView } from "@/lib/audit-log/views";
import { AuditDiff } from "./audit-diff";

const TARGET_PAGES: Record<string, string> = { execution: "/executions", integration: "/integrations", event: "/events" };
// Underlined: in a line of text, colour alone does not tell a link apart.
const link = "text-primary underline underline-offset-4";

function Target({ target }: { target: AuditEntryView["target"] }) {
  if (!target) return <span className="text-muted-foreground">–</span>;
  const text = target.label ?? target.id ?? "";
  const page = TARGET_PAGES[target.type];
  return (
    <span className="grid">
      <span className="text-xs text-muted-foreground">{target.type}</span>
      {page && target.id ? (
        <WorkspaceLink href={`${page}/${target.id}`} className={link}>
          {text}
        </WorkspaceLink>
      ) : (
        <span>{text}</span>
      )}
    </span>
  );
}

/** Who did it: a person's email, or "Automatic" for the portal itself. */
function Actor({ entry }: { entry: AuditEntryView }) {
  return entry.actor?.email ? (
    <span className="break-all">{entry.actor.email}</span>
  ) : (
    <span className="text-muted-foreground" title="Done by the portal itself (a scheduled job), not by a person">
      Automatic
    </span>
  );
}

/** Audit entries, newest first; each row opens to its before/after difference. */
export function AuditTable({ entries }: { entries: AuditEntryView[] }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) => setOpen((s) => new Set(s.has(id) ? [...s].filter((x) => x !== id) : [...s, id]));
  return (
    <Table>
      <caption className="sr-only">Audit log, newest first</caption>
      <THead>
        <TR>
          <TH scope="col">
            <span className="sr-only">Details</span>
          </TH>
          <TH scope="col">Time</TH>
          <TH scope="col" className={WIDE_ONLY}>
            Actor
          </TH>
          <TH scope="col">Action</TH>
          <TH scope="col">Target</TH>
          <TH scope="col" className={WIDE_ONLY}>
            IP
          </TH>
        </TR>
      </THead>
      <TBody>
        {entries.map((e) => {
          const expanded = open.has(e.id);
          return (
            <Fragment key={e.id}>
              <TR data-testid={`audit-row-${e.id}`}>
                <TD className="w-10">
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-expanded={expanded}
                    aria-controls={`audit-diff-${e.id}`}
                    aria-label={`${expanded ? "Hide" : "Show"} changes of ${e.action} at ${formatDateTime(e.createdAt)}`}
                    onClick={() => toggle(e.id)}
                  >
                    {expanded ? <ChevronDown aria-hidden /> : <ChevronRight aria-hidden />}
                  </Button>
                </TD>
                <TD className="text-muted-foreground sm:whitespace-nowrap">
                  <LocalTime value={e.createdAt} relative />
                </TD>
                <TD className={`${WIDE_ONLY} break-words`}>
                  <Actor entry={e} />
                  {e.apiToken && (
                    <span className="block text-xs text-muted-foreground">
                      token {e.apiToken.name} ({e.apiToken.prefix}…)
                    </span>
                  )}
                </TD>
                <TD>
                  <span className="grid">
                    <span>{actionLabel(e.action)}</span>
                    <span className="break-all font-mono text-xs text-muted-foreground">{e.action}</span>
                    <span className="text-xs text-muted-foreground md:hidden" data-testid="audit-actor-phone">
                      by <Actor entry={e} />
                    </span>
                  </span>
                </TD>
                <TD className="max-w-28 break-words sm:max-w-none">
                  <Target target={e.target} />
                </TD>
                <TD className={`${WIDE_ONLY} font-mono text-xs text-muted-foreground`}>{e.ip ?? "–"}</TD>
              </TR>
              {expanded && (
                <TR id={`audit-diff-${e.id}`} className="bg-muted/20 hover:bg-muted/20">
                  <TD />
                  <TD colSpan={5}>
                    <p className="mb-2 break-words text-xs text-muted-foreground">
                      By <Actor entry={e} />
                      {e.apiToken && ` with token ${e.apiToken.name} (${e.apiToken.prefix}…)`}
                      {e.ip && ` from ${e.ip}`}
                    </p>
                    <AuditDiff before={e.before} after={e.after} />
                    {e.userAgent && <p className="mt-2 text-xs text-muted-foreground">User agent: {e.userAgent}</p>}
                  </TD>
                </TR>
              )}
            </Fragment>
          );
        })}
      </TBody>
    </Table>
  );
}
