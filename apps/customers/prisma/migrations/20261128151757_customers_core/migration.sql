-- CreateTable
CREATE TABLE "customer" (
    "id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "wechatId" TEXT,
    "email" TEXT,
    "address" TEXT,
    "birthday" TEXT,
    "phoneIndex" TEXT,
    "wechatIndex" TEXT,
    "channel" TEXT NOT NULL,
    "intent" TEXT NOT NULL,
    "tags" TEXT[],
    "ownerId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "stage" TEXT NOT NULL,
    "stageReason" TEXT,
    "lastContactAt" TIMESTAMPTZ(3),
    "nextFollowUpAt" TIMESTAMPTZ(3),
    "registeredBy" TEXT NOT NULL,
    "registeredTeamId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_history" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "fromValue" TEXT,
    "toValue" TEXT NOT NULL,
    "reason" TEXT,
    "by" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handoverId" UUID,

    CONSTRAINT "customer_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "follow_up" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "memberId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "outcome" TEXT,
    "nextFollowUpAt" TIMESTAMPTZ(3),
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "follow_up_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_handover" (
    "handoverId" UUID NOT NULL,
    "fromMemberId" UUID NOT NULL,
    "toMemberId" UUID NOT NULL,
    "customerIds" TEXT[],
    "teamIds" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revertedAt" TIMESTAMPTZ(3),

    CONSTRAINT "customer_handover_pkey" PRIMARY KEY ("handoverId")
);

-- CreateTable
CREATE TABLE "org_team" (
    "teamId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" UUID,
    "weeklyLeadQuota" INTEGER NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "org_team_pkey" PRIMARY KEY ("teamId")
);

-- CreateTable
CREATE TABLE "org_member" (
    "memberId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "position" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "org_member_pkey" PRIMARY KEY ("memberId")
);

-- CreateTable
CREATE TABLE "quota_week" (
    "week" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "judgedAt" TIMESTAMPTZ(3),

    CONSTRAINT "quota_week_pkey" PRIMARY KEY ("week")
);

-- CreateTable
CREATE TABLE "quota_miss" (
    "memberId" UUID NOT NULL,
    "week" TEXT NOT NULL,
    "teamId" UUID NOT NULL,
    "leads" INTEGER NOT NULL,
    "quota" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "quota_miss_pkey" PRIMARY KEY ("memberId","week")
);

-- CreateIndex
CREATE UNIQUE INDEX "customer_phoneIndex_key" ON "customer"("phoneIndex");

-- CreateIndex
CREATE UNIQUE INDEX "customer_wechatIndex_key" ON "customer"("wechatIndex");

-- CreateIndex
CREATE INDEX "customer_ownerId_nextFollowUpAt_idx" ON "customer"("ownerId", "nextFollowUpAt");

-- CreateIndex
CREATE INDEX "customer_teamId_createdAt_idx" ON "customer"("teamId", "createdAt");

-- CreateIndex
CREATE INDEX "customer_registeredBy_createdAt_idx" ON "customer"("registeredBy", "createdAt");

-- CreateIndex
CREATE INDEX "customer_history_customerId_at_idx" ON "customer_history"("customerId", "at");

-- CreateIndex
CREATE INDEX "customer_history_handoverId_idx" ON "customer_history"("handoverId");

-- CreateIndex
CREATE INDEX "follow_up_customerId_at_idx" ON "follow_up"("customerId", "at");

-- CreateIndex
CREATE INDEX "org_member_teamId_idx" ON "org_member"("teamId");
