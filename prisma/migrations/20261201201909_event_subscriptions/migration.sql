-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "subscriptionId" UUID;

-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "sentAt" TIMESTAMP(3),
ADD COLUMN     "subscriptionId" UUID;

-- CreateTable
CREATE TABLE "Subscription" (
    "id" UUID NOT NULL,
    "integrationId" UUID NOT NULL,
    "eventTypes" TEXT[],
    "minSeverity" TEXT,
    "sources" TEXT[],
    "filter" JSONB,
    "mode" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT NOT NULL DEFAULT '',
    "createdById" UUID,
    "updatedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventType" (
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "declared" BOOLEAN NOT NULL DEFAULT false,
    "seenCount" INTEGER NOT NULL DEFAULT 0,
    "lastSeenAt" TIMESTAMP(3),
    "example" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventType_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "Subscription_integrationId_createdAt_idx" ON "Subscription"("integrationId", "createdAt");

-- CreateIndex
CREATE INDEX "Attempt_subscriptionId_startedAt_id_idx" ON "Attempt"("subscriptionId", "startedAt" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every attempt recorded so far was sent when it was recorded.
UPDATE "Attempt" SET "sentAt" = "startedAt" WHERE "status" <> 'queued';

-- The catalog starts with the types of the events already stored.
INSERT INTO "EventType" ("name", "seenCount", "lastSeenAt", "example", "updatedAt")
SELECT DISTINCT ON (e."type") e."type", c."n", e."occurredAt", e."details", CURRENT_TIMESTAMP
FROM "Event" e
JOIN (SELECT "type", count(*)::int AS "n" FROM "Event" GROUP BY "type") c ON c."type" = e."type"
ORDER BY e."type", e."occurredAt" DESC;
