-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "responseBodyBinary" BOOLEAN NOT NULL DEFAULT false;
