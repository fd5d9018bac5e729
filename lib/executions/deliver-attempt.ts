import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { Attempt, Prisma } from "@/lib/generated/prisma/client";
import { allowedHosts, extraCa } from "@/lib/webhook-settings";
import { deliver, type DeliveryResult } from "@/lib/webhooks/transport";

/** The User-Agent of every webhook request: names the portal and where it runs. */
export function portalUserAgent() {
  const { PORTAL_NAME, PORTAL_URL, PORT } = env();
  return `${PORTAL_NAME.replace(/[^\w.-]+/g, "-")}/1.0 (+${PORTAL_URL ?? `http://localhost:${PORT}`})`;
}

/**
 * Sends a committed `pending` attempt and records its outcome. The request goes to the URL and
 * body recorded on the attempt, with `headers` (the recorded ones, but the bearer token in
 * clear). Only an attempt still pending is completed: one the recovery sweep has already
 * marked interrupted keeps that state.
 */
export async function deliverAttempt(attempt: Attempt, headers: Record<string, string>): Promise<Attempt> {
  const result = await deliver({
    url: attempt.requestUrl,
    headers,
    body: attempt.requestBody,
    timeoutMs: attempt.timeoutSeconds * 1000,
    allowedHosts: allowedHosts(),
    ca: extraCa() ?? undefined,
  });
  if (result.errorClass === "internal_error") console.error(`Delivery of attempt ${attempt.id} failed unexpectedly: ${result.errorMessage}`);
  try {
    return await db.attempt.update({ where: { id: attempt.id, status: "pending" }, data: outcome(result) });
  } catch {
    return db.attempt.findUniqueOrThrow({ where: { id: attempt.id } });
  }
}

function outcome(result: DeliveryResult): Prisma.AttemptUpdateInput {
  return {
    status: result.ok ? "succeeded" : "failed",
    responseStatus: result.status,
    responseHeaders: result.headers ?? undefined,
    responseBody: result.body,
    responseBodyBytes: result.bodyBytes,
    responseTruncated: result.truncated,
    errorClass: result.errorClass,
    errorMessage: result.errorMessage,
    durationMs: Math.round(result.durationMs),
    finishedAt: new Date(),
  };
}
