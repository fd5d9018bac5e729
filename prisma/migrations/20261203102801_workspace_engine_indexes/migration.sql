-- What one workspace reads of its own, found without going through the others' rows: its attempts
-- in flight (partial like the in-flight indexes before them: queuing, claiming and finishing
-- attempts of a busy workspace add nothing to another's reads), and its newest event.
-- Prisma cannot declare a predicate: schema.prisma names them, this SQL makes them partial.

-- CreateIndex
CREATE INDEX "Attempt_inFlight_workspaceId_startedAt_id_idx" ON "Attempt"("workspaceId", "startedAt" DESC, "id" DESC) WHERE "finishedAt" IS NULL;

-- CreateIndex
CREATE INDEX "Attempt_inFlight_workspaceId_status_idx" ON "Attempt"("workspaceId", "status", "startedAt" DESC, "id" DESC) WHERE "finishedAt" IS NULL;

-- CreateIndex
CREATE INDEX "Event_workspaceId_id_idx" ON "Event"("workspaceId", "id" DESC);
