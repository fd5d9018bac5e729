-- Plan rates per workspace: events ingested and manual triggers per minute (lib/workspaces/rate-limit.ts).
-- CreateTable
CREATE TABLE "WorkspaceRateLimit" (
    "workspaceId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "tat" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkspaceRateLimit_pkey" PRIMARY KEY ("workspaceId","kind")
);
