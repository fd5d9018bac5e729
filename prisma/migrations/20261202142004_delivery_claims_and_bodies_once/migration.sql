-- Delivery engine: a request body is stored once, on its message, and searched there; a worker's
-- claim on an automatic attempt is a row of its own (DeliveryClaim), so the history row is written
-- when queued and when finished, not in between.

-- Bodies: every attempt carried a copy of its message's body. Existing copies that equal the
-- message's body are cleared (no row is lost: the body stays on the message); any that differ
-- are kept and still shown.
ALTER TABLE "Attempt" ALTER COLUMN "requestBody" DROP NOT NULL;
UPDATE "Attempt" a SET "requestBody" = NULL FROM "Message" m WHERE m."id" = a."messageId" AND a."requestBody" = m."body";

-- DropIndex
DROP INDEX "Attempt_requestBody_idx";

-- CreateIndex
CREATE INDEX "Message_body_idx" ON "Message" USING GIN ("body" gin_trgm_ops);

-- CreateTable
CREATE TABLE "DeliveryClaim" (
    "attemptId" UUID NOT NULL,
    "integrationId" UUID NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "timeoutSeconds" INTEGER NOT NULL,

    CONSTRAINT "DeliveryClaim_pkey" PRIMARY KEY ("attemptId")
);
