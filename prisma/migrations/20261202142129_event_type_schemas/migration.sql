-- AlterTable
ALTER TABLE "PortalSettings" ADD COLUMN     "publicCatalog" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "unknownEventTypes" TEXT NOT NULL DEFAULT 'accept';

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "schemaErrors" JSONB,
ADD COLUMN     "schemaVersion" INTEGER;

-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "schemaPins" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "schemaVersion" INTEGER,
ADD COLUMN     "validation" TEXT NOT NULL DEFAULT 'off';

-- CreateTable
CREATE TABLE "EventTypeSchema" (
    "typeName" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "schema" JSONB NOT NULL,
    "compatibility" TEXT NOT NULL,
    "changes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventTypeSchema_pkey" PRIMARY KEY ("typeName","version")
);

-- AddForeignKey
ALTER TABLE "EventTypeSchema" ADD CONSTRAINT "EventTypeSchema_typeName_fkey" FOREIGN KEY ("typeName") REFERENCES "EventType"("name") ON DELETE CASCADE ON UPDATE CASCADE;
