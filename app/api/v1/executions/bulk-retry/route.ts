import { z } from "zod";
import { apiRoute, readJson } from "@/lib/api/route";
import { bulkRetry } from "@/lib/executions/bulk-retry";
import type { BulkRetryInput } from "@/lib/executions/schemas";

// The verb validates the body (bulkRetryInput): its filters are the list's, as the query string has them.
export const POST = apiRoute("integrations.trigger", async ({ ctx, request }) =>
  bulkRetry({ ctx, input: (await readJson(request, z.unknown())) as BulkRetryInput }),
);
