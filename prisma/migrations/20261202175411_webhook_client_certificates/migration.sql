-- AlterTable
ALTER TABLE "WebhookConfig" ADD COLUMN     "clientCertNotAfter" TIMESTAMP(3),
ADD COLUMN     "clientCertPem" TEXT,
ADD COLUMN     "clientCertSubject" TEXT,
ADD COLUMN     "clientKeyEnc" TEXT,
ADD COLUMN     "receiverCaPem" TEXT;
