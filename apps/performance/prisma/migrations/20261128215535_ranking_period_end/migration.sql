-- CreateTable
CREATE TABLE "ranking_period_end" (
    "period" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "doneAt" TIMESTAMPTZ(3),

    CONSTRAINT "ranking_period_end_pkey" PRIMARY KEY ("period")
);

-- CreateTable
CREATE TABLE "ranking_snapshot" (
    "period" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "scopeTeamId" TEXT NOT NULL,
    "entries" JSONB NOT NULL,
    "frozenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ranking_snapshot_pkey" PRIMARY KEY ("period","metric","scope","scopeTeamId")
);

-- CreateIndex
CREATE INDEX "ranking_period_end_dueAt_idx" ON "ranking_period_end"("dueAt");
