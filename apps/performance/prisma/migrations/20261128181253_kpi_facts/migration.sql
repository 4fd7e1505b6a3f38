-- AlterTable
ALTER TABLE "roster_member" ADD COLUMN     "name" TEXT;

-- CreateTable
CREATE TABLE "roster_placement" (
    "memberId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "teamId" UUID NOT NULL,
    "position" TEXT NOT NULL,

    CONSTRAINT "roster_placement_pkey" PRIMARY KEY ("memberId","version")
);

-- CreateTable
CREATE TABLE "org_team" (
    "teamId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "parentId" UUID,
    "settings" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "org_team_pkey" PRIMARY KEY ("teamId")
);

-- CreateTable
CREATE TABLE "kpi_fact" (
    "eventId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "teamId" UUID,
    "position" TEXT,
    "value" BIGINT NOT NULL,
    "eventType" TEXT NOT NULL,
    "sourceType" TEXT NOT NULL,
    "sourceId" UUID NOT NULL,
    "sourceRef" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kpi_fact_pkey" PRIMARY KEY ("eventId","memberId","metric")
);

-- CreateTable
CREATE TABLE "kpi_scheme" (
    "position" TEXT NOT NULL,
    "weights" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedBy" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kpi_scheme_pkey" PRIMARY KEY ("position")
);

-- CreateTable
CREATE TABLE "kpi_target" (
    "id" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "memberId" UUID,
    "teamId" UUID,
    "salesAmount" BIGINT NOT NULL,
    "newCustomers" INTEGER,
    "ordersCompleted" INTEGER,
    "updatedBy" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kpi_target_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "roster_placement_memberId_validFrom_idx" ON "roster_placement"("memberId", "validFrom");

-- CreateIndex
CREATE INDEX "org_team_parentId_idx" ON "org_team"("parentId");

-- CreateIndex
CREATE INDEX "kpi_fact_memberId_period_metric_idx" ON "kpi_fact"("memberId", "period", "metric");

-- CreateIndex
CREATE INDEX "kpi_fact_period_metric_teamId_idx" ON "kpi_fact"("period", "metric", "teamId");

-- CreateIndex
CREATE INDEX "kpi_fact_sourceId_metric_idx" ON "kpi_fact"("sourceId", "metric");

-- CreateIndex
CREATE UNIQUE INDEX "kpi_target_period_memberId_key" ON "kpi_target"("period", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "kpi_target_period_teamId_key" ON "kpi_target"("period", "teamId");
