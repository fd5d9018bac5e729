-- CreateTable
-- Unlogged: the allowance is not worth a WAL flush per trigger; after a database crash it
-- starts full again.
CREATE UNLOGGED TABLE "TriggerRateLimit" (
    "userId" UUID NOT NULL,
    "tat" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TriggerRateLimit_pkey" PRIMARY KEY ("userId")
);
