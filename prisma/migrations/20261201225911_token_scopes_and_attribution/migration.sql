-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "scopes" TEXT[];

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "apiToken" JSONB;

-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "triggeredByToken" JSONB;

-- CreateIndex
CREATE INDEX "ApiToken_createdAt_idx" ON "ApiToken"("createdAt");

-- Tokens made before scopes existed acted with all of their user's permissions: they keep doing so
-- (still never more than the user holds at the time of use).
UPDATE "ApiToken" SET "scopes" = ARRAY['read', 'events:write', 'trigger', 'admin'];
