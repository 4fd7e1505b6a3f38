-- DropIndex
DROP INDEX "scorecard_change_dueAt_idx";

-- AlterTable
ALTER TABLE "scorecard_change" DROP CONSTRAINT "scorecard_change_pkey",
ADD COLUMN     "id" BIGSERIAL NOT NULL,
ADD CONSTRAINT "scorecard_change_pkey" PRIMARY KEY ("id");

-- CreateTable
CREATE TABLE "scorecard_announcement" (
    "memberId" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "scorecard_announcement_pkey" PRIMARY KEY ("memberId","period")
);
