-- AlterTable
ALTER TABLE "WebhookConfig" ADD COLUMN     "maxPerSecond" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "disableAfterFailures" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "disabledAt" TIMESTAMP(3),
ADD COLUMN     "disabledReason" TEXT,
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "retryJitter" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "retrySchedule" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "dueAt" TIMESTAMP(3),
ADD COLUMN     "nextRetryAt" TIMESTAMP(3),
ADD COLUMN     "policyAppliedAt" TIMESTAMP(3),
ADD COLUMN     "retryNumber" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "RecoveryRun" (
    "id" UUID NOT NULL,
    "integrationId" UUID NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "until" TIMESTAMP(3),
    "statuses" TEXT[],
    "state" TEXT NOT NULL,
    "matched" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "requeued" INTEGER NOT NULL DEFAULT 0,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "error" TEXT,
    "createdById" UUID,
    "createdByEmail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "RecoveryRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliveryRateLimit" (
    "integrationId" UUID NOT NULL,
    "tat" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeliveryRateLimit_pkey" PRIMARY KEY ("integrationId")
);

-- CreateIndex
CREATE INDEX "RecoveryRun_integrationId_createdAt_idx" ON "RecoveryRun"("integrationId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "RecoveryRun" ADD CONSTRAINT "RecoveryRun_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;
