-- AlterTable
ALTER TABLE "user" ADD COLUMN     "activationExpiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "activationTokenHash" TEXT,
ADD COLUMN     "disabledAt" TIMESTAMPTZ(3),
ADD COLUMN     "failedLogins" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "failedLoginsSince" TIMESTAMPTZ(3),
ADD COLUMN     "grants" TEXT[] DEFAULT ARRAY[]::TEXT[],
ALTER COLUMN "passwordHash" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "user_activationTokenHash_key" ON "user"("activationTokenHash");

-- A user without a member (an administrator) holds its roles by grant.
UPDATE "user" SET "grants" = "roles" WHERE "memberId" IS NULL;

-- Names typed at failed logins that name no user were kept in clear: often a password typed in
-- the wrong box. They are dropped; from now on such names are kept as a keyed hash.
DELETE FROM "login_attempt" a WHERE NOT EXISTS (SELECT 1 FROM "user" u WHERE u.username = a.username);

-- A secret handed out to a session alone, over an enrolled second factor, is never confirmed.
UPDATE "user" SET "mfaPendingSecret" = NULL WHERE "mfaEnabledAt" IS NOT NULL;
