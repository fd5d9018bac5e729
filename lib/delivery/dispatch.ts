import { sql, type Tx } from "@/lib/db";
import { logger } from "@/lib/log";
import { activeTraceIds, contextOf, recordSpan, tracingEnabled } from "@/lib/observability/tracing";
import { attemptIdsOf, type DeliveryJob } from "@/lib/jobs/queue";
import { toWebhookForDelivery, type DeliveryRow, type WebhookForDelivery } from "@/lib/integrations/internal/webhook-for-delivery";
import { parseRetryAfter } from "@/lib/webhooks/retry-policy";
import { failedDelivery } from "@/lib/webhooks/transport";
import type { DeliveryResult } from "@/lib/webhooks/types";
import { alertOnFailure } from "./alerts";
import { portalUserAgent, reportDelivery, sendRequest } from "./deliver-attempt";
import { applyDeliveryPolicy } from "./on-outcome";
import { OutcomeBuffer, type Outcome, type RecordedOutcome } from "./outcomes";
import { backOff, claimWithinLimit, holdForSlot, putOff, takeDeliverySlot } from "./pace";
import { buildRequestHeaders } from "./request-headers";
import { deliveryAttributes, inSendSpan } from "./trace-send";
import { isUntransformed, requestOverridesOf, withOverrides } from "./transformed-request";

/** A delivery job as the queue hands it out. */
export interface FetchedJob {
  id: string;
  data: DeliveryJob;
}

/** A webhook as one message goes to it: with what its transformation changed. */
type Target = ReturnType<typeof withOverrides<WebhookForDelivery>>;

/** An attempt of a fetched job, not yet read. */
interface Waiting {
  attemptId: string;
  job: DeliveryJob;
}

/** An attempt read for sending, with its webhook, and whether its integration's pace or in-flight cap applies. */
interface LoadedWaiting extends Waiting {
  row: LoadedRow;
  target: Target;
  paced: boolean;
}

/** An attempt read for sending, with its message's body and its integration's webhook as they are now. */
type LoadedRow = NonNullable<DeliveryRow> & {
  attemptId: string;
  attemptStatus: string;
  attemptIntegrationId: string | null;
  claimed: boolean;
  messageId: string;
  body: string;
  /** What the message's transformation changed besides the body (see transformed-request.ts). */
  messageRequest: unknown;
  subscriptionId: string | null;
  subscriptionFound: string | null;
  subscriptionEnabled: boolean | null;
  paceTat: Date | null;
  /** For the delivery's spans: its message's trace, when it was due, which retry, its event and kind. */
  messageTraceparent: string | null;
  attemptDueAt: Date | null;
  attemptRetryNumber: number;
  attemptEventId: string | null;
  attemptKind: string;
};

/** How long a batch waits for a slot of an integration that uses its whole share before putting its deliveries off. */
const BUSY_WAIT_MS = 250;

/** A receiver whose oldest request in flight is older than this is slow: its deliveries beyond its share wait in the queue. */
const SLOW_RECEIVER_MS = 200;

/** A slot this close is now: timers and clocks are not more precise than that. */
const SLOT_TOLERANCE_MS = 20;

/**
 * Sends automatic deliveries for one worker process: up to `concurrency` requests at once, one
 * integration holding at most three quarters of them (so a receiver that hangs until its
 * timeout cannot hold up the others).
 *
 * The queue hands out jobs in batches; for each batch, as slots free up, the dispatcher reads the
 * attempts with their webhooks in one statement, claims the ones it can send now in another
 * (a DeliveryClaim row each: exactly one worker wins an attempt, however many hold a job for it),
 * and starts their requests. A job's work is done once its attempt is claimed: the queue
 * completes the batch in one statement while the requests run, and a worker that dies from then
 * on leaves claimed attempts to the interrupted sweep, never to a second send. Outcomes are
 * written in batches by an OutcomeBuffer, which applies the common case of the delivery policy
 * in the same statement; failures then take the locked policy path one by one.
 *
 * Integrations with a pace (maxPerSecond, a 429's back-off) or a cap on deliveries in flight
 * (maxInFlight) take the per-attempt path that reserves a slot or counts in-flight deliveries
 * under a lock, as before.
 */
export class Dispatcher {
  readonly outcomes: OutcomeBuffer;
  private inFlight = 0;
  private readonly perIntegration = new Map<string, number>();
  /** When each integration's requests in flight started, oldest first. */
  private readonly startedAt = new Map<string, number[]>();
  private readonly running = new Set<Promise<void>>();
  private slotWaiters: (() => void)[] = [];
  private readonly groupCap: number;

  constructor(
    private readonly concurrency: number,
    options: { outcomes?: Partial<ConstructorParameters<typeof OutcomeBuffer>[0]> } = {},
  ) {
    this.groupCap = Math.max(1, concurrency - Math.max(1, Math.floor(concurrency / 4)));
    this.outcomes = new OutcomeBuffer({ onWritten: afterOutcomes, ...options.outcomes });
  }

  /** Requests being sent right now. */
  get sending() {
    return this.inFlight;
  }

  /**
   * Handles a batch of delivery jobs fetched together. Returns once each of their attempts is
   * started (claimed and sending), put off to a later slot, skipped, or found already handled —
   * not when the requests end.
   */
  async handle(jobs: FetchedJob[]): Promise<void> {
    const waiting: Waiting[] = jobs.flatMap((job) => attemptIdsOf(job.data).map((attemptId) => ({ attemptId, job: job.data })));
    let busy: LoadedWaiting[] = [];
    let busySince = 0;
    while (waiting.length > 0 || busy.length > 0) {
      await this.waitForSlot();
      const now = new Date();
      // Attempts of integrations that were using their whole share get the first free slots;
      // then the next of the batch, read (with their webhooks) and claimed together.
      const retry = busy;
      busy = [];
      const fresh = waiting.splice(0, Math.max(0, this.concurrency - this.inFlight - retry.length));
      const loaded = fresh.length > 0 ? await this.load(fresh, now) : [];
      const claimable: (LoadedWaiting & { free: () => void })[] = [];
      for (const item of [...retry, ...loaded]) {
        if ((this.perIntegration.get(item.row.id) ?? 0) >= this.groupCap || this.inFlight >= this.concurrency) {
          busy.push(item);
          continue;
        }
        const free = this.reserve(item.row.id);
        if (item.paced) this.run(free, () => this.dispatchPaced(item, now));
        else claimable.push({ ...item, free });
      }
      const claimed = new Set((await claimAttempts(claimable, now)).map((c) => c.attemptId));
      for (const item of claimable) {
        if (claimed.has(item.attemptId)) this.run(item.free, () => this.send(item.row, item.target, now));
        else item.free(); // another worker has it, or it was finished meanwhile
      }
      if (busy.length === 0 || claimable.length > 0 || loaded.length > 0) {
        busySince = 0;
        continue;
      }
      // Only attempts of integrations using their whole share of this worker's slots are left.
      // Those whose receiver is slow (its oldest request has been out for a while: hanging until
      // its timeout, say) wait in the queue, longer each time, rather than hold this batch; the
      // others wait here a moment for one of their integration's slots, then the same.
      const slow = busy.filter((item) => Date.now() - (this.startedAt.get(item.row.id)?.[0] ?? Date.now()) > SLOW_RECEIVER_MS);
      if (slow.length > 0) {
        await Promise.all(slow.map((item) => this.holdBack(item, now)));
        busy = busy.filter((item) => !slow.includes(item));
        continue;
      }
      busySince ||= Date.now();
      const left = BUSY_WAIT_MS - (Date.now() - busySince);
      if (left <= 0 || !(await this.waitForRelease(left))) {
        await Promise.all(busy.map((item) => this.holdBack(item, now)));
        busy = [];
      }
    }
  }

  /** Resolves when every request started so far has ended and its outcome is written (or `timeoutMs` passed). */
  async drain(timeoutMs: number): Promise<void> {
    const done = (async () => {
      while (this.running.size > 0) await Promise.allSettled([...this.running]);
      await this.outcomes.drain();
    })();
    await Promise.race([done, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }

  /**
   * Reads attempts with their webhooks (one statement); records as skipped those whose webhook or
   * subscription is gone or disabled; returns the ones still to send, each with its webhook.
   */
  private async load(items: Waiting[], now: Date): Promise<LoadedWaiting[]> {
    const jobOf = new Map(items.map((i) => [i.attemptId, i.job]));
    const rows = await loadAttempts([...jobOf.keys()]);
    const targets = new Map<string, WebhookForDelivery>();
    const loaded: LoadedWaiting[] = [];
    for (const row of rows) {
      if (row.claimed || !WAITING.includes(row.attemptStatus)) continue; // sent, being sent, or finished
      const reason = reasonNotToSend(row);
      if (reason) {
        await skipAttempt(row.attemptId, reason, now);
        continue;
      }
      let webhook = targets.get(row.id);
      if (!webhook) targets.set(row.id, (webhook = toWebhookForDelivery(integrationOf(row), now)));
      // A transformed message goes where, and how, its transformation said: retries included.
      const target = withOverrides(webhook, requestOverridesOf(row.messageRequest));
      const { maxPerSecond, maxInFlight } = target.config;
      const paced = Boolean(maxPerSecond || maxInFlight || (row.paceTat && row.paceTat.getTime() > now.getTime()));
      loaded.push({ attemptId: row.attemptId, job: jobOf.get(row.attemptId)!, row, target, paced });
    }
    return loaded;
  }

  /** The per-attempt path of an integration with a pace or a cap on deliveries in flight. */
  private async dispatchPaced(item: LoadedWaiting, now: Date) {
    const { row, target, job } = item;
    const integrationId = row.id;
    const waiting = { id: row.attemptId, integrationId, timeoutSeconds: target.timeoutSeconds };
    const maxPerSecond = target.config.maxPerSecond;
    const slotAt = job.slotAt ? new Date(job.slotAt) : undefined;
    const reserved = slotAt !== undefined && slotAt.getTime() <= now.getTime() + SLOT_TOLERANCE_MS;
    if (!reserved && (maxPerSecond || (row.paceTat && row.paceTat.getTime() > now.getTime()))) {
      const slot = await takeDeliverySlot(integrationId, maxPerSecond, now);
      if (slot.getTime() > now.getTime() + SLOT_TOLERANCE_MS) return putOff(waiting, slot);
    }
    const maxInFlight = target.config.maxInFlight;
    if (maxInFlight) {
      const outcome = await claimWithinLimit(integrationId, maxInFlight, async (tx) => (await claimAttempts([item], now, tx)).length > 0);
      if (outcome === "full") {
        await holdForSlot(waiting, job.held ?? 0, now);
        return;
      }
      if (outcome === "gone") return;
    } else if ((await claimAttempts([item], now)).length === 0) return;
    await this.send(row, target, now);
  }

  /**
   * Signs at send time (so the timestamp is this attempt's), sends, and hands the outcome to the
   * buffer. While traces are exported the attempt is two spans of its message's trace (the
   * event's fan-out): its wait in the queue, from when it was due to its claim, and its send.
   */
  private async send(row: LoadedRow, target: Target, claimedAt: Date) {
    const ids = {
      attemptId: row.attemptId,
      messageId: row.messageId,
      eventId: row.attemptEventId,
      integrationId: row.id,
      subscriptionId: row.subscriptionId,
      retryNumber: row.attemptRetryNumber,
      kind: row.attemptKind,
    };
    const parent = tracingEnabled() ? contextOf(row.messageTraceparent) : undefined;
    if (parent) {
      const due = row.attemptDueAt ? new Date(row.attemptDueAt) : claimedAt;
      recordSpan("webhook queue wait", {
        parent,
        startTime: due.getTime() < claimedAt.getTime() ? due : claimedAt,
        endTime: claimedAt,
        attributes: deliveryAttributes(ids),
      });
    }
    await inSendSpan(
      ids,
      target,
      parent,
      (traceparent) => this.sendSigned(row, target, claimedAt, traceparent),
      (outcome) => outcome.result,
    );
  }

  private async sendSigned(row: LoadedRow, target: Target, claimedAt: Date, traceparent: string | null): Promise<Outcome> {
    const sentAt = new Date(Math.max(Date.now(), claimedAt.getTime()));
    let recordedHeaders: Record<string, string> = {};
    let result: DeliveryResult;
    try {
      const signed = buildRequestHeaders({
        messageId: row.messageId,
        body: row.body,
        secrets: target.secrets,
        bearerToken: target.bearerToken,
        userAgent: portalUserAgent(),
        now: sentAt,
        signatureStyle: target.signatureStyle,
        customHeaders: target.customHeaders,
        transformedHeaders: target.transformedHeaders,
        traceparent,
      });
      recordedHeaders = signed.recordedHeaders;
      result = await sendRequest(
        { id: row.attemptId, body: row.body, timeoutSeconds: target.timeoutSeconds },
        { url: target.url, method: target.method, headers: signed.headers, redact: target.redact, tls: target.tls },
      );
    } catch (error) {
      logger().error({ attemptId: row.attemptId, err: error }, "preparing a delivery failed");
      result = portalFailure(error);
    }
    const outcome: Outcome = {
      attemptId: row.attemptId,
      sentAt,
      finishedAt: new Date(),
      requestUrl: target.shownUrl,
      requestMethod: target.method,
      requestHeaders: recordedHeaders,
      timeoutSeconds: target.timeoutSeconds,
      result,
      traceIds: activeTraceIds(),
    };
    this.outcomes.add(outcome);
    return outcome;
  }

  private async holdBack({ row, target, job }: LoadedWaiting, now: Date) {
    await holdForSlot({ id: row.attemptId, integrationId: row.id, timeoutSeconds: target.timeoutSeconds }, job.held ?? 0, now);
  }

  /**
   * Takes one of this worker's slots for an integration, at once (before any await), so that the
   * two fetch loops planning at the same time never take more than there are; `free` gives it back.
   */
  private reserve(integrationId: string) {
    this.inFlight++;
    this.perIntegration.set(integrationId, (this.perIntegration.get(integrationId) ?? 0) + 1);
    const started = Date.now();
    const starts = this.startedAt.get(integrationId) ?? [];
    starts.push(started);
    this.startedAt.set(integrationId, starts);
    return () => {
      this.inFlight--;
      const n = (this.perIntegration.get(integrationId) ?? 1) - 1;
      if (n > 0) this.perIntegration.set(integrationId, n);
      else this.perIntegration.delete(integrationId);
      starts.splice(starts.indexOf(started), 1);
      if (starts.length === 0) this.startedAt.delete(integrationId);
      for (const wake of this.slotWaiters.splice(0)) wake();
    };
  }

  /** Runs `work` in a reserved slot, and gives the slot back when it ends. */
  private run(free: () => void, work: () => Promise<void>) {
    const running: Promise<void> = work()
      .catch((error: unknown) => logger().error({ component: "worker", err: error }, "a delivery failed unexpectedly"))
      .finally(() => {
        free();
        this.running.delete(running);
      });
    this.running.add(running);
  }

  private async waitForSlot() {
    while (this.inFlight >= this.concurrency) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
  }

  /** True when a slot is given back within `ms`. */
  private waitForRelease(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.slotWaiters = this.slotWaiters.filter((w) => w !== wake);
        resolve(false);
      }, ms);
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.slotWaiters.push(wake);
    });
  }
}

/** The integration part of a loaded row (with its webhook as `config`). */
function integrationOf(row: LoadedRow): DeliveryRow {
  const {
    attemptId: _a,
    attemptStatus: _s,
    attemptIntegrationId: _i,
    claimed: _c,
    messageId: _m,
    body: _b,
    messageRequest: _r,
    subscriptionId: _sub,
    subscriptionFound: _f,
    subscriptionEnabled: _e,
    paceTat: _p,
    messageTraceparent: _t,
    attemptDueAt: _d,
    attemptRetryNumber: _n,
    attemptEventId: _ev,
    attemptKind: _k,
    ...integration
  } = row;
  return integration as DeliveryRow;
}

/** The states of an attempt a worker may still send: queued (first try) or scheduled (a retry). */
const WAITING = ["queued", "scheduled"];

/** The attempts of a batch, each with its message's body, subscription, webhook and pace, and whether a worker holds it. */
async function loadAttempts(ids: string[]): Promise<LoadedRow[]> {
  return sql<LoadedRow>`
    SELECT a."id" AS "attemptId", a."status" AS "attemptStatus", a."integrationId" AS "attemptIntegrationId", a."messageId",
      COALESCE(a."requestBody", m."body") AS "body", m."request" AS "messageRequest", a."subscriptionId",
      m."traceparent" AS "messageTraceparent", a."dueAt" AS "attemptDueAt", a."retryNumber" AS "attemptRetryNumber",
      a."eventId" AS "attemptEventId", a."kind" AS "attemptKind",
      c."attemptId" IS NOT NULL AS "claimed", s."id" AS "subscriptionFound", s."enabled" AS "subscriptionEnabled", p."tat" AS "paceTat",
      i.*, to_jsonb(w) AS "config"
    FROM "Attempt" a
    JOIN "Message" m ON m."id" = a."messageId"
    LEFT JOIN "DeliveryClaim" c ON c."attemptId" = a."id"
    LEFT JOIN "Subscription" s ON s."id" = a."subscriptionId"
    LEFT JOIN "Integration" i ON i."id" = a."integrationId"
    LEFT JOIN "WebhookConfig" w ON w."integrationId" = i."id"
    LEFT JOIN "DeliveryRateLimit" p ON p."integrationId" = a."integrationId"
    WHERE a."id" = ANY(${ids}::uuid[])`;
}

/**
 * Claims attempts for sending, in one statement whatever their number: a DeliveryClaim row each,
 * for attempts still queued or scheduled; the primary key lets one claim win. A second statement
 * then gives back any claim taken on an attempt that finished meanwhile (a worker finishing it
 * deletes its claim in the statement that records the outcome, which a concurrent claim that
 * waited on it cannot see). Returns the rows claimed.
 */
async function claimAttempts(items: LoadedWaiting[], now: Date, tx?: Tx): Promise<LoadedWaiting[]> {
  if (items.length === 0) return [];
  const claims = JSON.stringify(
    items.map((i) => ({ attemptId: i.attemptId, integrationId: i.row.id, timeoutSeconds: i.target.timeoutSeconds })),
  );
  const run = <R>(strings: TemplateStringsArray, ...values: unknown[]) =>
    tx
      ? tx.$queryRawUnsafe<R[]>(
          strings.reduce((acc, part, i) => acc + `$${i}` + part),
          ...values,
        )
      : sql<R>(strings, ...values);
  const won = await run<{ attemptId: string }>`
    INSERT INTO "DeliveryClaim" ("attemptId", "integrationId", "claimedAt", "timeoutSeconds")
    SELECT c."attemptId", c."integrationId", ${now}::timestamp, c."timeoutSeconds"
    FROM jsonb_to_recordset(${claims}::jsonb) AS c ("attemptId" uuid, "integrationId" uuid, "timeoutSeconds" int)
    JOIN "Attempt" a ON a."id" = c."attemptId" AND a."status" IN ('queued', 'scheduled')
    ON CONFLICT DO NOTHING
    RETURNING "attemptId"`;
  if (won.length === 0) return [];
  const stale = await run<{ attemptId: string }>`
    DELETE FROM "DeliveryClaim" c USING "Attempt" a
    WHERE c."attemptId" = ANY(${won.map((w) => w.attemptId)}::uuid[]) AND a."id" = c."attemptId" AND a."status" NOT IN ('queued', 'scheduled')
    RETURNING c."attemptId"`;
  const ours = new Set(won.map((w) => w.attemptId));
  for (const s of stale) ours.delete(s.attemptId);
  return items.filter((i) => ours.has(i.attemptId));
}

/** Records a queued attempt as skipped (nothing sent), unless a worker holds it or it is no longer waiting. */
async function skipAttempt(attemptId: string, reason: string, now: Date) {
  const [skipped] = await sql<RecordedOutcome>`
    UPDATE "Attempt" SET "status" = 'skipped', "errorClass" = 'disabled', "errorMessage" = ${reason}, "finishedAt" = ${now}
    WHERE "id" = ${attemptId}::uuid AND "status" IN ('queued', 'scheduled')
      AND NOT EXISTS (SELECT 1 FROM "DeliveryClaim" c WHERE c."attemptId" = ${attemptId}::uuid)
    RETURNING *`;
  if (skipped) reportDelivery(skipped, "disabled", null);
}

function reasonNotToSend(row: LoadedRow): string | null {
  if (isUntransformed(row.messageRequest))
    return "The transformation failed on or cancelled this message, so it has no request to send; nothing was sent. Retry it by hand once the transformation is fixed.";
  if (!row.id) return "The integration was deleted before this delivery was sent; nothing was sent.";
  if (!row.config) return "The integration's webhook was removed before this delivery was sent; nothing was sent.";
  if (!row.config.enabled) return "The integration's webhook was disabled before this delivery was sent; nothing was sent.";
  if (row.subscriptionId && !row.subscriptionFound) return "The subscription was deleted before this delivery was sent; nothing was sent.";
  if (row.subscriptionId && !row.subscriptionEnabled)
    return "The subscription was disabled before this delivery was sent; nothing was sent.";
  return null;
}

/** A send that failed for a reason of the portal's own (a header it cannot write, say): nothing reached the receiver. */
function portalFailure(error: unknown): DeliveryResult {
  const reason = error instanceof Error ? error.message : String(error);
  return failedDelivery({
    errorClass: "internal_error",
    errorMessage: `The portal could not prepare this request: ${reason}`.slice(0, 500),
  });
}

/**
 * After a batch of outcomes is written: a log line and a metric each; a 429 slows its integration
 * down; and each failure takes the locked policy path (retry, 410, threshold) and the failure
 * alert check. Successes had their policy applied by the write itself.
 */
async function afterOutcomes(recorded: RecordedOutcome[], outcomes: Outcome[]) {
  const byId = new Map(outcomes.map((o) => [o.attemptId, o]));
  const now = new Date();
  for (const a of recorded) {
    const o = byId.get(a.id)!;
    reportDelivery(a, o.result.ok ? "success" : (o.result.errorClass ?? "http_error"), o.result.durationMs, o.traceIds);
  }
  const failures = recorded.filter((a) => a.status !== "succeeded");
  await Promise.all(
    failures.map(async (a) => {
      if (a.responseStatus === 429 && a.integrationId) {
        const headers = (a.responseHeaders ?? {}) as Record<string, string>;
        await backOff(a.integrationId, parseRetryAfter(headers["retry-after"], now), now);
      }
      await applyDeliveryPolicy(a, now);
      await alertOnFailure(a).catch((error: unknown) => logger().error({ err: error, attemptId: a.id }, "checking failure alerts failed"));
    }),
  );
}
