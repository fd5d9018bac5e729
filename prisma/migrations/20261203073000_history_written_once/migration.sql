-- History written once: queuing an attempt adds no entry to the history's indexes. They become
-- partial, over finished attempts ("finishedAt" IS NOT NULL), and two small partial indexes cover
-- the attempts in flight ("finishedAt" IS NULL). An automatic delivery's row is then inserted into
-- the primary key, the message index and the in-flight indexes only; its outcome is the one write
-- that reaches the history's indexes (the trigram index on response bodies included).

-- finishedAt now tells the two sides apart: set it on every finished row that lacks it (when the
-- request left, else when it was recorded) and clear it on any row still in flight. No row is
-- removed; nothing else changes.
UPDATE "Attempt" SET "finishedAt" = COALESCE("sentAt", "startedAt")
WHERE "finishedAt" IS NULL AND "status" NOT IN ('queued', 'scheduled', 'pending');
UPDATE "Attempt" SET "finishedAt" = NULL
WHERE "finishedAt" IS NOT NULL AND "status" IN ('queued', 'scheduled', 'pending');

-- ... and keeps doing so: a row the indexes would file on the wrong side is refused.
ALTER TABLE "Attempt" ADD CONSTRAINT "Attempt_finishedAt_status_check"
  CHECK (("finishedAt" IS NULL) = ("status" IN ('queued', 'scheduled', 'pending')));

-- The history's indexes, the same columns, over finished attempts only.
DROP INDEX "Attempt_startedAt_id_idx";
CREATE INDEX "Attempt_startedAt_id_idx" ON "Attempt"("startedAt" DESC, "id" DESC) WHERE "finishedAt" IS NOT NULL;
DROP INDEX "Attempt_integrationId_startedAt_id_kind_status_idx";
CREATE INDEX "Attempt_integrationId_startedAt_id_kind_status_idx" ON "Attempt"("integrationId", "startedAt" DESC, "id" DESC, "kind", "status") WHERE "finishedAt" IS NOT NULL;
DROP INDEX "Attempt_integrationId_status_startedAt_id_idx";
CREATE INDEX "Attempt_integrationId_status_startedAt_id_idx" ON "Attempt"("integrationId", "status", "startedAt" DESC, "id" DESC) WHERE "finishedAt" IS NOT NULL;
DROP INDEX "Attempt_status_startedAt_id_idx";
CREATE INDEX "Attempt_status_startedAt_id_idx" ON "Attempt"("status", "startedAt" DESC, "id" DESC) WHERE "finishedAt" IS NOT NULL;
DROP INDEX "Attempt_mode_startedAt_id_idx";
CREATE INDEX "Attempt_mode_startedAt_id_idx" ON "Attempt"("mode", "startedAt" DESC, "id" DESC) WHERE "finishedAt" IS NOT NULL;
DROP INDEX "Attempt_kind_startedAt_id_idx";
CREATE INDEX "Attempt_kind_startedAt_id_idx" ON "Attempt"("kind", "startedAt" DESC, "id" DESC) WHERE "finishedAt" IS NOT NULL;
DROP INDEX "Attempt_triggeredById_startedAt_id_idx";
CREATE INDEX "Attempt_triggeredById_startedAt_id_idx" ON "Attempt"("triggeredById", "startedAt" DESC, "id" DESC) WHERE "finishedAt" IS NOT NULL;
DROP INDEX "Attempt_eventId_startedAt_id_idx";
CREATE INDEX "Attempt_eventId_startedAt_id_idx" ON "Attempt"("eventId", "startedAt" DESC, "id" DESC) WHERE "finishedAt" IS NOT NULL;
DROP INDEX "Attempt_subscriptionId_startedAt_id_idx";
CREATE INDEX "Attempt_subscriptionId_startedAt_id_idx" ON "Attempt"("subscriptionId", "startedAt" DESC, "id" DESC) WHERE "finishedAt" IS NOT NULL;
DROP INDEX "Attempt_responseBody_idx";
CREATE INDEX "Attempt_responseBody_idx" ON "Attempt" USING GIN ("responseBody" gin_trgm_ops) WHERE "finishedAt" IS NOT NULL;

-- Attempts in flight: the lists' in-flight side, the queue's gauges, the interrupted sweep, the
-- live state and the in-flight cap read these (a few rows each, however long the history).
CREATE INDEX "Attempt_inFlight_startedAt_id_idx" ON "Attempt"("startedAt" DESC, "id" DESC) WHERE "finishedAt" IS NULL;
CREATE INDEX "Attempt_inFlight_integrationId_status_idx" ON "Attempt"("integrationId", "status", "startedAt" DESC, "id" DESC) WHERE "finishedAt" IS NULL;
