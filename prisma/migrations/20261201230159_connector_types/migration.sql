-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "connectorType" TEXT NOT NULL DEFAULT 'standard';

-- AlterTable
ALTER TABLE "WebhookConfig" ADD COLUMN     "customHeadersEnc" TEXT,
ADD COLUMN     "customHeadersShown" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "method" TEXT NOT NULL DEFAULT 'POST',
ADD COLUMN     "signatureStyle" TEXT NOT NULL DEFAULT 'standard-webhooks',
ADD COLUMN     "urlEnc" TEXT;

-- Zapier integrations get Zapier's flat JSON; every other one keeps the Standard Webhooks envelope.
-- Their URLs (which carry Zapier's key) are encrypted and masked by the portal at its next start.
UPDATE "Integration" SET "connectorType" = 'zapier' WHERE "platform" = 'zapier';
