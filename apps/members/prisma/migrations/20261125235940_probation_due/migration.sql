-- AlterTable
ALTER TABLE "member" ADD COLUMN     "probationDueAnnouncedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "member_status_probationEndsAt_idx" ON "member"("status", "probationEndsAt");
