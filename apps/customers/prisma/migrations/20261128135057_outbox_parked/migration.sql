-- AlterTable
ALTER TABLE "outbox_event" ADD COLUMN     "parkedAt" TIMESTAMPTZ(3),
ADD COLUMN     "parkedReason" TEXT;
