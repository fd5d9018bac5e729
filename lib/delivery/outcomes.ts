import { sql } from "@/lib/db";
import { logger } from "@/lib/log";
import type { DeliveryResult } from "@/lib/webhooks/types";
import { withoutAnswer } from "./deliver-attempt";

/** What a worker knows when an automatic attempt's request has finished: how it was sent and what came back. */
export interface Outcome {
  attemptId: string;
  sentAt: Date;
  finishedAt: Date;
  /** As recorded: the URL masked where it carries a secret, the headers with secrets masked. */
  requestUrl: string;
  requestMethod: string;
  requestHeaders: Record<string, string>;
  timeoutSeconds: number;
  result: DeliveryResult;
  /** The trace and span ids of the send's span, for its log line (while traces are exported). */
  traceIds?: { trace_id?: string; span_id?: string };
}

/** An attempt's row as the outcome statement returns it, for the policy, alerts, metrics and the log. */
export interface RecordedOutcome {
  id: string;
  messageId: string;
  integrationId: string | null;
  integrationName: string;
  kind: string;
  subscriptionId: string | null;
  status: string;
  responseStatus: number | null;
  responseHeaders: unknown;
  errorClass: string | null;
}

/** Writes a batch of outcomes; returns the attempts it finished (an attempt no longer unfinished is left as it is). */
export type OutcomeWrite = (outcomes: Outcome[]) => Promise<RecordedOutcome[]>;

/**
 * Records the outcomes of automatic attempts, many in one statement: each attempt's history row
 * is written once with everything about its send (the one write of that row after it was
 * queued), its claim is removed, and the common case of the delivery policy is applied in the
 * same statement: a success marks the policy applied and resets its subscription's count of
 * failures in a row (written only where that count is not 0 already). Failures are left for the
 * locked policy path (retry, 410, threshold), which the caller runs for each returned failure.
 *
 * Only attempts still queued or scheduled (claimed, not finished) are written: one that the
 * interrupted sweep has closed keeps that state.
 */
export const writeOutcomes: OutcomeWrite = async (outcomes) => {
  if (outcomes.length === 0) return [];
  const rows = JSON.stringify(outcomes.map(toRow));
  return sql<RecordedOutcome>`
    WITH o AS (
      SELECT * FROM jsonb_to_recordset(${rows}::jsonb) AS o ("id" uuid, "status" text, "sentAt" timestamp, "finishedAt" timestamp,
        "requestUrl" text, "requestMethod" text, "requestHeaders" jsonb, "timeoutSeconds" int, "responseStatus" int, "responseHeaders" jsonb,
        "responseBody" text, "responseBodyBinary" boolean, "responseBodyBytes" int, "responseTruncated" boolean, "errorClass" text,
        "errorMessage" text, "durationMs" int)
    ), done AS (
      UPDATE "Attempt" a SET
        "status" = o."status", "sentAt" = o."sentAt", "finishedAt" = o."finishedAt", "requestUrl" = o."requestUrl",
        "requestMethod" = o."requestMethod", "requestHeaders" = o."requestHeaders", "timeoutSeconds" = o."timeoutSeconds",
        "responseStatus" = o."responseStatus", "responseHeaders" = o."responseHeaders", "responseBody" = o."responseBody",
        "responseBodyBinary" = o."responseBodyBinary", "responseBodyBytes" = o."responseBodyBytes", "responseTruncated" = o."responseTruncated",
        "errorClass" = o."errorClass", "errorMessage" = o."errorMessage", "durationMs" = o."durationMs",
        "policyAppliedAt" = CASE WHEN o."status" = 'succeeded' AND a."kind" = 'automatic' AND a."subscriptionId" IS NOT NULL THEN o."finishedAt" END
      FROM o
      WHERE a."id" = o."id" AND a."status" IN ('queued', 'scheduled')
      RETURNING a."id", a."messageId", a."integrationId", a."integrationName", a."kind", a."subscriptionId", a."status",
        a."responseStatus", a."responseHeaders", a."errorClass"
    ), unclaimed AS (
      DELETE FROM "DeliveryClaim" c USING o WHERE c."attemptId" = o."id"
    ), reset AS (
      UPDATE "Subscription" s SET "consecutiveFailures" = 0, "lastError" = NULL
      WHERE s."id" IN (SELECT "subscriptionId" FROM done WHERE "status" = 'succeeded' AND "kind" = 'automatic')
        AND s."consecutiveFailures" > 0
    )
    SELECT * FROM done`;
};

function toRow(o: Outcome) {
  const r = o.result;
  return {
    id: o.attemptId,
    status: r.ok ? "succeeded" : "failed",
    sentAt: o.sentAt.toISOString(),
    finishedAt: o.finishedAt.toISOString(),
    requestUrl: o.requestUrl,
    requestMethod: o.requestMethod,
    requestHeaders: o.requestHeaders,
    timeoutSeconds: o.timeoutSeconds,
    responseStatus: r.status,
    responseHeaders: r.headers,
    responseBody: r.body,
    responseBodyBinary: r.bodyBinary,
    responseBodyBytes: r.bodyBytes,
    responseTruncated: r.truncated,
    errorClass: r.errorClass,
    errorMessage: r.errorMessage,
    durationMs: Math.round(r.durationMs),
  };
}

export interface OutcomeBufferOptions {
  /** Writes a batch (writeOutcomes; tests put a failing writer in front of it). */
  write?: OutcomeWrite;
  /** A batch is written when it has this many outcomes… */
  maxBatch?: number;
  /** …or this long after its first one arrived. */
  maxDelayMs?: number;
  /** Called with what each written batch finished (policy, alerts, metrics). */
  onWritten: (recorded: RecordedOutcome[], outcomes: Outcome[]) => Promise<void> | void;
}

/**
 * Collects the outcomes of one worker's sends and writes them in batches (every `maxBatch`
 * outcomes or `maxDelayMs`, whichever comes first), one statement each. An outcome is never
 * dropped while the process lives: when a write fails (the database is restarting, say) the
 * batch is kept and written again with a growing pause, so a delivery the receiver answered is
 * recorded with that answer once the database is back. Only a process that dies with outcomes
 * unwritten leaves those attempts to the interrupted sweep.
 */
export class OutcomeBuffer {
  private waiting: Outcome[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private failures = 0;
  private readonly write: OutcomeWrite;
  private readonly maxBatch: number;
  private readonly maxDelayMs: number;
  private readonly onWritten: OutcomeBufferOptions["onWritten"];
  private drained: (() => void)[] = [];

  constructor(options: OutcomeBufferOptions) {
    this.write = options.write ?? writeOutcomes;
    this.maxBatch = options.maxBatch ?? 64;
    this.maxDelayMs = options.maxDelayMs ?? 2;
    this.onWritten = options.onWritten;
  }

  /** Outcomes not yet written. */
  get size() {
    return this.waiting.length;
  }

  add(outcome: Outcome) {
    this.waiting.push(outcome);
    if (this.flushing) return; // the running write takes the next batch when it ends
    if (this.waiting.length >= this.maxBatch) this.flushSoon(0);
    else this.flushSoon(this.maxDelayMs);
  }

  /** Resolves once every outcome added so far is written. */
  async drain(): Promise<void> {
    if (this.waiting.length === 0 && !this.flushing) return;
    await new Promise<void>((resolve) => {
      this.drained.push(resolve);
      if (!this.flushing) this.flushSoon(0);
    });
  }

  private flushSoon(delayMs: number) {
    if (this.timer) {
      if (delayMs > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushing = this.flush().finally(() => {
        this.flushing = null;
        if (this.waiting.length > 0) this.flushSoon(this.failures > 0 ? this.retryDelay() : 0);
        else for (const resolve of this.drained.splice(0)) resolve();
      });
    }, delayMs);
  }

  private retryDelay() {
    return Math.min(50 * 2 ** (this.failures - 1), 2_000);
  }

  private async flush() {
    const batch = this.waiting.slice(0, this.maxBatch);
    let recorded: RecordedOutcome[];
    try {
      recorded = await this.writeKeepingContent(batch);
    } catch (error) {
      this.failures++;
      if (this.failures === 1 || this.failures % 20 === 0)
        logger().error(
          { component: "worker", err: error, outcomes: this.waiting.length, tries: this.failures },
          "recording delivery outcomes failed; kept in memory and written again when the database answers",
        );
      return;
    }
    if (this.failures > 0)
      logger().info({ component: "worker", tries: this.failures + 1 }, "delivery outcomes recorded after the database came back");
    this.failures = 0;
    this.waiting.splice(0, batch.length);
    try {
      await this.onWritten(recorded, batch);
    } catch (error) {
      logger().error({ component: "worker", err: error }, "applying delivery policies after an outcome write failed");
    }
  }

  /**
   * Receiver content is made storable before it gets here; should a batch be refused for what a
   * receiver sent all the same (not for the database being away), each outcome of it is written
   * alone, and one still refused is written without the receiver's content rather than kept forever.
   */
  private async writeKeepingContent(batch: Outcome[]): Promise<RecordedOutcome[]> {
    try {
      return await this.write(batch);
    } catch (error) {
      if (!isDataError(error)) throw error;
      const recorded: RecordedOutcome[] = [];
      for (const o of batch) {
        try {
          recorded.push(...(await this.write([o])));
        } catch (single) {
          if (!isDataError(single)) throw single;
          logger().error(
            { attemptId: o.attemptId, err: single },
            "recording the receiver's answer failed; recording the outcome without it",
          );
          recorded.push(...(await this.write([{ ...o, result: withoutAnswer(o.result) }])));
        }
      }
      return recorded;
    }
  }
}

/** A statement refused for what it carried (SQLSTATE class 22: data exception), not for the database being unreachable. */
const isDataError = (error: unknown) => String((error as { code?: string }).code ?? "").startsWith("22");
