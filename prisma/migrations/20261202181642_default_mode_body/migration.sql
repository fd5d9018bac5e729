-- AlterTable
ALTER TABLE "WebhookConfig" ADD COLUMN     "defaultModeBody" TEXT NOT NULL DEFAULT 'empty';
