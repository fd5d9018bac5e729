-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "transformationId" UUID;

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "transformationId" UUID;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "request" JSONB;

-- CreateTable
CREATE TABLE "Transformation" (
    "id" UUID NOT NULL,
    "integrationId" UUID NOT NULL,
    "subscriptionId" UUID,
    "version" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "createdById" UUID,
    "createdByEmail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Transformation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Transformation_integrationId_subscriptionId_version_idx" ON "Transformation"("integrationId", "subscriptionId", "version" DESC);

-- AddForeignKey
ALTER TABLE "Transformation" ADD CONSTRAINT "Transformation_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;
