-- Body search on the executions list (pg_trgm, created by the first migration), the success-rate
-- and chart counts as index-only scans, and an optional cap on deliveries in flight per webhook.

-- DropIndex
DROP INDEX "Attempt_integrationId_startedAt_id_idx";

-- AlterTable
ALTER TABLE "WebhookConfig" ADD COLUMN     "maxInFlight" INTEGER;

-- CreateIndex
CREATE INDEX "Attempt_integrationId_startedAt_id_kind_status_idx" ON "Attempt"("integrationId", "startedAt" DESC, "id" DESC, "kind", "status");

-- CreateIndex
CREATE INDEX "Attempt_requestBody_idx" ON "Attempt" USING GIN ("requestBody" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Attempt_responseBody_idx" ON "Attempt" USING GIN ("responseBody" gin_trgm_ops);
