-- Workspaces: every organisation's data carries its workspace. Everything that exists moves into the
-- default workspace (the columns' default, a fixed id), and every user becomes a member of it with the
-- rights they have now: an admin an owner, anyone else a member, the trigger permission kept.

-- DropForeignKey
ALTER TABLE "EventTypeSchema" DROP CONSTRAINT "EventTypeSchema_typeName_fkey";

-- DropIndex
DROP INDEX "ApiToken_userId_createdAt_idx";

-- DropIndex
DROP INDEX "ApiToken_createdAt_idx";

-- DropIndex
DROP INDEX "AuditLog_createdAt_id_idx";

-- DropIndex
DROP INDEX "AuditLog_action_createdAt_id_idx";

-- DropIndex
DROP INDEX "Integration_slug_key";

-- DropIndex
DROP INDEX "Integration_name_idx";

-- DropIndex
DROP INDEX "Event_occurredAt_id_idx";

-- DropIndex
DROP INDEX "Event_type_occurredAt_id_idx";

-- DropIndex
DROP INDEX "Event_severity_occurredAt_id_idx";

-- DropIndex
DROP INDEX "Event_source_occurredAt_id_idx";

-- DropIndex
DROP INDEX "Attempt_startedAt_id_idx";

-- DropIndex
DROP INDEX "Attempt_status_startedAt_id_idx";

-- DropIndex
DROP INDEX "Attempt_mode_startedAt_id_idx";

-- DropIndex
DROP INDEX "Attempt_kind_startedAt_id_idx";

-- DropIndex
DROP INDEX "Attempt_triggeredById_startedAt_id_idx";

-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "workspaceId" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001';

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "workspaceId" UUID DEFAULT '00000000-0000-4000-8000-000000000001';

-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "workspaceId" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001';

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "workspaceId" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001';

-- AlterTable
ALTER TABLE "EventType" DROP CONSTRAINT "EventType_pkey",
ADD COLUMN     "workspaceId" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001',
ADD CONSTRAINT "EventType_pkey" PRIMARY KEY ("workspaceId", "name");

-- AlterTable
ALTER TABLE "EventTypeSchema" DROP CONSTRAINT "EventTypeSchema_pkey",
ADD COLUMN     "workspaceId" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001',
ADD CONSTRAINT "EventTypeSchema_pkey" PRIMARY KEY ("workspaceId", "typeName", "version");

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "workspaceId" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001';

-- AlterTable
ALTER TABLE "IdempotencyKey" DROP CONSTRAINT "IdempotencyKey_pkey",
ADD COLUMN     "workspaceId" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001',
ADD CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("workspaceId", "userId", "key");

-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "workspaceId" UUID NOT NULL DEFAULT '00000000-0000-4000-8000-000000000001';

-- CreateTable
CREATE TABLE "Plan" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "builtIn" BOOLEAN NOT NULL DEFAULT false,
    "maxIntegrations" INTEGER,
    "maxPerConnectorType" JSONB NOT NULL DEFAULT '{}',
    "onePerConnectorType" BOOLEAN NOT NULL DEFAULT false,
    "automaticDeliveries" BOOLEAN NOT NULL DEFAULT true,
    "retrySchedules" BOOLEAN NOT NULL DEFAULT true,
    "ingestPerMinute" INTEGER,
    "triggersPerMinute" INTEGER,
    "historyDays" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Workspace" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "planId" UUID NOT NULL,
    "unknownEventTypes" TEXT NOT NULL DEFAULT 'accept',
    "publicCatalog" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "workspaceId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "canTriggerIntegrations" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("workspaceId","userId")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "canTriggerIntegrations" BOOLEAN NOT NULL DEFAULT false,
    "tokenHash" TEXT NOT NULL,
    "invitedById" UUID,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Plan_key_key" ON "Plan"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_slug_key" ON "Workspace"("slug");

-- CreateIndex
CREATE INDEX "Membership_userId_createdAt_idx" ON "Membership"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_workspaceId_createdAt_idx" ON "Invitation"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "ApiToken_workspaceId_userId_createdAt_idx" ON "ApiToken"("workspaceId", "userId", "createdAt");

-- CreateIndex
CREATE INDEX "ApiToken_workspaceId_createdAt_idx" ON "ApiToken"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_workspaceId_createdAt_id_idx" ON "AuditLog"("workspaceId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditLog_workspaceId_action_createdAt_id_idx" ON "AuditLog"("workspaceId", "action", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Integration_workspaceId_name_idx" ON "Integration"("workspaceId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Integration_workspaceId_slug_key" ON "Integration"("workspaceId", "slug");

-- CreateIndex
CREATE INDEX "Event_workspaceId_occurredAt_id_idx" ON "Event"("workspaceId", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Event_workspaceId_type_occurredAt_id_idx" ON "Event"("workspaceId", "type", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Event_workspaceId_severity_occurredAt_id_idx" ON "Event"("workspaceId", "severity", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Event_workspaceId_source_occurredAt_id_idx" ON "Event"("workspaceId", "source", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Attempt_workspaceId_startedAt_id_idx" ON "Attempt"("workspaceId", "startedAt" DESC, "id" DESC) WHERE "finishedAt" IS NOT NULL;

-- CreateIndex
CREATE INDEX "Attempt_workspaceId_status_startedAt_id_idx" ON "Attempt"("workspaceId", "status", "startedAt" DESC, "id" DESC) WHERE "finishedAt" IS NOT NULL;

-- CreateIndex
CREATE INDEX "Attempt_workspaceId_mode_startedAt_id_idx" ON "Attempt"("workspaceId", "mode", "startedAt" DESC, "id" DESC) WHERE "finishedAt" IS NOT NULL;

-- CreateIndex
CREATE INDEX "Attempt_workspaceId_kind_startedAt_id_idx" ON "Attempt"("workspaceId", "kind", "startedAt" DESC, "id" DESC) WHERE "finishedAt" IS NOT NULL;

-- CreateIndex
CREATE INDEX "Attempt_workspaceId_triggeredById_startedAt_id_idx" ON "Attempt"("workspaceId", "triggeredById", "startedAt" DESC, "id" DESC) WHERE "finishedAt" IS NOT NULL;

-- AddForeignKey
ALTER TABLE "Workspace" ADD CONSTRAINT "Workspace_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventTypeSchema" ADD CONSTRAINT "EventTypeSchema_workspaceId_typeName_fkey" FOREIGN KEY ("workspaceId", "typeName") REFERENCES "EventType"("workspaceId", "name") ON DELETE CASCADE ON UPDATE CASCADE;


-- The built-in plans. "default" takes its integration limits from PORTAL_MAX_INTEGRATIONS* (lib/workspaces/plans.ts).
INSERT INTO "Plan" ("id", "key", "name", "builtIn", "maxIntegrations", "maxPerConnectorType", "onePerConnectorType",
  "automaticDeliveries", "retrySchedules", "ingestPerMinute", "triggersPerMinute", "historyDays", "updatedAt") VALUES
  ('00000000-0000-4000-8000-0000000000a0', 'default', 'Default', true, NULL, '{}', false, true, true, NULL, NULL, NULL, now()),
  ('00000000-0000-4000-8000-0000000000a1', 'free', 'Free', true, 2, '{"slack": 0, "discord": 0, "teams": 0, "zapier": 0}', true, false, false, 60, 30, 7, now()),
  ('00000000-0000-4000-8000-0000000000a2', 'starter', 'Starter', true, 5, '{}', true, true, true, 600, 120, 30, now()),
  ('00000000-0000-4000-8000-0000000000a3', 'pro', 'Pro', true, 25, '{}', false, true, true, 6000, 600, 90, now()),
  ('00000000-0000-4000-8000-0000000000a4', 'enterprise', 'Enterprise', true, NULL, '{}', false, true, true, NULL, NULL, NULL, now());

INSERT INTO "Workspace" ("id", "name", "slug", "planId", "unknownEventTypes", "publicCatalog", "updatedAt")
SELECT '00000000-0000-4000-8000-000000000001', 'Default', 'default', '00000000-0000-4000-8000-0000000000a0',
  coalesce((SELECT "unknownEventTypes" FROM "PortalSettings" WHERE "id" = 1), 'accept'),
  coalesce((SELECT "publicCatalog" FROM "PortalSettings" WHERE "id" = 1), false), now();

INSERT INTO "Membership" ("workspaceId", "userId", "role", "canTriggerIntegrations")
SELECT '00000000-0000-4000-8000-000000000001', "id", CASE WHEN "isAdmin" THEN 'owner' ELSE 'member' END, "canTriggerIntegrations"
FROM "User";

-- Rows that define a workspace's configuration cannot outlive it. The history (Event, Message, Attempt,
-- AuditLog, IdempotencyKey) has no foreign key: a key check on every insert would lock the workspace row
-- (FOR KEY SHARE) on the delivery path; deleting a workspace purges them explicitly.
ALTER TABLE "Integration" ADD CONSTRAINT "Integration_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "EventType" ADD CONSTRAINT "EventType_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
