-- CreateTable
CREATE TABLE "scorecard_change" (
    "memberId" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "scorecard_change_pkey" PRIMARY KEY ("memberId","period")
);

-- CreateTable
CREATE TABLE "target_checkpoint" (
    "period" TEXT NOT NULL,
    "checkpoint" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "doneAt" TIMESTAMPTZ(3),
    "flagged" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "target_checkpoint_pkey" PRIMARY KEY ("period","checkpoint")
);

-- CreateIndex
CREATE INDEX "scorecard_change_dueAt_idx" ON "scorecard_change"("dueAt");

-- CreateIndex
CREATE INDEX "target_checkpoint_dueAt_idx" ON "target_checkpoint"("dueAt");
