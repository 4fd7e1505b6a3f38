-- AlterTable
ALTER TABLE "member" ADD COLUMN     "departureReason" TEXT,
ADD COLUMN     "probationExtended" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "statusBeforeSuspension" TEXT;

-- CreateTable
CREATE TABLE "probation_review" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "decision" TEXT NOT NULL,
    "notes" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "checkpoint" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "probation_review_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "probation_review_memberId_idx" ON "probation_review"("memberId");
