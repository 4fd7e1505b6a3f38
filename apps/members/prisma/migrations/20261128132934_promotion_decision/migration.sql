-- AlterTable
ALTER TABLE "promotion" ADD COLUMN     "decidedAt" TIMESTAMPTZ(3),
ADD COLUMN     "decisionReason" TEXT;

-- Promotions decided before the column existed: their last change is the best time known.
UPDATE "promotion" SET "decidedAt" = "updatedAt" WHERE "decidedBy" IS NOT NULL;
