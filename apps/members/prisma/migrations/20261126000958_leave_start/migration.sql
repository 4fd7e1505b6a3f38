-- AlterTable
ALTER TABLE "leave_request" ADD COLUMN     "startAnnouncedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "leave_request_status_startsOn_idx" ON "leave_request"("status", "startsOn");
