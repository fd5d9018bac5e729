import { authorize, type Ctx } from "@/lib/auth/context";
import { keysetExport, type ExportFile } from "@/lib/exports";
import { checkRange, type Position } from "@/lib/pagination";
import { describeToken } from "@/lib/tokens/token-label";
import { exportExecutionsQuery, type ExportExecutionsQuery } from "./schemas";
import { summaryOmit, toAttemptSummary, toAttemptView, withBody, type AttemptSummary, type AttemptWithBody } from "./views";
import { findAttempts } from "./where";
import { boundToScope } from "@/lib/workspaces/scope";

const CSV_COLUMNS = [
  "id",
  "startedAt",
  "finishedAt",
  "integrationId",
  "integrationName",
  "mode",
  "eventId",
  "kind",
  "status",
  "httpStatus",
  "durationMs",
  "errorClass",
  "errorMessage",
  "triggeredById",
  "triggeredByEmail",
  "messageId",
  "retryOfId",
  "url",
  "triggeredByToken",
] as const;

/**
 * Every attempt matching the list's filters, newest first, as CSV (one line per attempt, no
 * headers or bodies) or JSON Lines (everything recorded). The authorization header is left out
 * entirely, even masked.
 */
export function exportExecutions({ ctx, query }: { ctx: Ctx; query: ExportExecutionsQuery | Record<string, string> }): ExportFile {
  authorize(ctx, "portal.read");
  const { format, ...filters } = exportExecutionsQuery.parse(query);
  checkRange(filters);
  const common = {
    name: "executions",
    columns: CSV_COLUMNS,
    positionOf: (a: { startedAt: Date; id: string }) => ({ at: a.startedAt, id: a.id }),
  };
  // Pulled after the verb returns: read in its workspace all the same.
  const summaries = boundToScope((p: Position | null, take: number) => findAttempts(filters, p, take, { omit: summaryOmit }));
  const withBodies = boundToScope((p: Position | null, take: number) => findAttempts(filters, p, take, { include: withBody }));
  if (format === "csv") {
    return keysetExport({ ...common, format, fetchAfter: summaries, toRecord: (a) => toCsvRecord(toAttemptSummary(a)) });
  }
  return keysetExport({ ...common, format, fetchAfter: withBodies, toRecord: toJsonRecord });
}

function toJsonRecord(a: AttemptWithBody) {
  const view = toAttemptView(a);
  const headers = Object.fromEntries(Object.entries(view.request.headers).filter(([name]) => name.toLowerCase() !== "authorization"));
  return { ...view, request: { ...view.request, headers } };
}

function toCsvRecord({ triggeredBy, ...rest }: AttemptSummary): Record<(typeof CSV_COLUMNS)[number], unknown> {
  const token = triggeredBy?.token;
  return {
    ...rest,
    triggeredById: triggeredBy?.id,
    triggeredByEmail: triggeredBy?.email,
    triggeredByToken: token ? describeToken(token) : undefined,
  };
}
