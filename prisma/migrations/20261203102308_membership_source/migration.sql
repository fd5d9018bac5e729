-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'portal';

-- Users who sign in through single sign-on had their rights from their claims: their membership of
-- the default workspace is the single sign-on's, which the claims go on deciding.
UPDATE "Membership" m SET "source" = 'sso'
FROM "User" u
WHERE u."id" = m."userId" AND u."ssoSubject" IS NOT NULL AND m."workspaceId" = '00000000-0000-4000-8000-000000000001';
