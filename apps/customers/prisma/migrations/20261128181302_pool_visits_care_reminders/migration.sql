-- AlterTable
ALTER TABLE "customer" ADD COLUMN     "birthdayIndex" TEXT,
ADD COLUMN     "poolDueAt" TIMESTAMPTZ(3),
ADD COLUMN     "poolReason" TEXT,
ADD COLUMN     "poolScheduledVersion" INTEGER,
ADD COLUMN     "poolWarnAt" TIMESTAMPTZ(3),
ADD COLUMN     "poolWarnedAt" TIMESTAMPTZ(3),
ADD COLUMN     "pooledAt" TIMESTAMPTZ(3),
ADD COLUMN     "pooledFrom" UUID;

-- AlterTable
ALTER TABLE "org_team" ADD COLUMN     "settings" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "pool_team" (
    "teamId" UUID NOT NULL,
    "scheduledAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pool_team_pkey" PRIMARY KEY ("teamId")
);

-- CreateTable
CREATE TABLE "pool_recycle" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "fromOwnerId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pool_recycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "visit" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "keyPoints" TEXT[],
    "scheduledAt" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "overdueAt" TIMESTAMPTZ(3) NOT NULL,
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "summary" JSONB,
    "outcome" TEXT,
    "cancelReason" TEXT,
    "completedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "care_reminder" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "ownerId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "occasion" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "care_reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "care_day" (
    "day" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "sweptAt" TIMESTAMPTZ(3),

    CONSTRAINT "care_day_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "due_item_retry" (
    "kind" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "lastError" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "due_item_retry_pkey" PRIMARY KEY ("kind","itemId")
);

-- CreateIndex
CREATE INDEX "pool_recycle_teamId_fromOwnerId_idx" ON "pool_recycle"("teamId", "fromOwnerId");

-- CreateIndex
CREATE INDEX "pool_recycle_customerId_at_idx" ON "pool_recycle"("customerId", "at");

-- CreateIndex
CREATE INDEX "visit_memberId_scheduledAt_idx" ON "visit"("memberId", "scheduledAt");

-- CreateIndex
CREATE INDEX "visit_teamId_scheduledAt_idx" ON "visit"("teamId", "scheduledAt");

-- CreateIndex
CREATE INDEX "visit_customerId_scheduledAt_idx" ON "visit"("customerId", "scheduledAt");

-- CreateIndex
CREATE INDEX "visit_status_overdue_overdueAt_idx" ON "visit"("status", "overdue", "overdueAt");

-- CreateIndex
CREATE INDEX "care_reminder_ownerId_status_day_idx" ON "care_reminder"("ownerId", "status", "day");

-- CreateIndex
CREATE INDEX "care_reminder_teamId_status_day_idx" ON "care_reminder"("teamId", "status", "day");

-- CreateIndex
CREATE UNIQUE INDEX "care_reminder_customerId_kind_occasion_year_key" ON "care_reminder"("customerId", "kind", "occasion", "year");

-- CreateIndex
CREATE INDEX "customer_teamId_pooledAt_idx" ON "customer"("teamId", "pooledAt");

-- CreateIndex
CREATE INDEX "customer_poolWarnAt_idx" ON "customer"("poolWarnAt");

-- CreateIndex
CREATE INDEX "customer_poolDueAt_idx" ON "customer"("poolDueAt");

-- CreateIndex
CREATE INDEX "customer_birthdayIndex_idx" ON "customer"("birthdayIndex");

-- The customers the pool sweep has to (re)schedule: changed since, not pooled (hand-written: a
-- partial index Prisma's schema cannot say).
CREATE INDEX "customer_pool_unscheduled_idx" ON "customer" ("id")
  WHERE "pooledAt" IS NULL AND "poolScheduledVersion" IS DISTINCT FROM "version";
