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
