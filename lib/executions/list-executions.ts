import { authorize, type Ctx } from "@/lib/auth/context";
import { checkRange, decodeCursor, toPage, type Page } from "@/lib/pagination";
import { listExecutionsQuery, type ListExecutionsQuery } from "./schemas";
import { withInFlight } from "./in-flight";
import { flagNewerThanPinned, type FlaggedSummary } from "./schema-pin-flags";
import { summaryOmit, toAttemptSummary } from "./views";
import { findAttempts } from "./where";

/**
 * Attempts newest first, filtered, paginated by a (startedAt, id) keyset cursor: every page
 * costs the same however deep, served by the (filter…, startedAt desc, id desc) indexes.
 */
export async function listExecutions({ ctx, query }: { ctx: Ctx; query: ListExecutionsQuery }): Promise<Page<FlaggedSummary>> {
  authorize(ctx, "portal.read");
  const { limit, cursor, ...filters } = listExecutionsQuery.parse(query);
  checkRange(filters);
  const rows = await findAttempts(filters, decodeCursor(cursor), limit + 1, { omit: summaryOmit });
  const page = toPage(await withInFlight(rows), limit, (a) => a.startedAt);
  return { data: await flagNewerThanPinned(page.data.map(toAttemptSummary)), nextCursor: page.nextCursor };
}
