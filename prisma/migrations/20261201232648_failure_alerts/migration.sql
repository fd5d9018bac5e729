-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "alertFailureThreshold" INTEGER,
ADD COLUMN     "alertIntegrationId" UUID,
ADD COLUMN     "alertOnDisable" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "alertSentAt" TIMESTAMP(3),
ADD COLUMN     "alertWindowMinutes" INTEGER NOT NULL DEFAULT 60;
