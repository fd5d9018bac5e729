-- AlterTable
ALTER TABLE "WebhookConfig" ADD COLUMN     "sendTraceparent" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "traceparent" TEXT;
