-- AlterTable
ALTER TABLE "member" ADD COLUMN     "departureKind" TEXT;

-- CreateTable
CREATE TABLE "suspension" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "suspendedBy" TEXT NOT NULL,
    "suspendedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reinstatedAt" TIMESTAMPTZ(3),

    CONSTRAINT "suspension_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "suspension_memberId_suspendedAt_idx" ON "suspension"("memberId", "suspendedAt");
