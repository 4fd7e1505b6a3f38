-- CreateTable
CREATE TABLE "promotion" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "track" TEXT NOT NULL,
    "fromLevel" TEXT NOT NULL,
    "toLevel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "appliedBy" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "assessment" JSONB,
    "evidence" JSONB NOT NULL,
    "decidedBy" TEXT,
    "noticeEndsAt" TIMESTAMPTZ(3),
    "effectiveAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "promotion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "promotion_objection" (
    "id" UUID NOT NULL,
    "promotionId" UUID NOT NULL,
    "filedBy" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "promotion_objection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "promotion_memberId_status_idx" ON "promotion"("memberId", "status");

-- CreateIndex
CREATE INDEX "promotion_status_noticeEndsAt_idx" ON "promotion"("status", "noticeEndsAt");

-- CreateIndex
CREATE INDEX "promotion_createdAt_id_idx" ON "promotion"("createdAt", "id");

-- CreateIndex
CREATE INDEX "promotion_objection_promotionId_idx" ON "promotion_objection"("promotionId");

-- AddForeignKey
ALTER TABLE "promotion_objection" ADD CONSTRAINT "promotion_objection_promotionId_fkey" FOREIGN KEY ("promotionId") REFERENCES "promotion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
