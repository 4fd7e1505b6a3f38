-- CreateTable
CREATE TABLE "member_record" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "amount" DECIMAL(12,2),
    "status" TEXT NOT NULL,
    "issuedBy" TEXT NOT NULL,
    "decidedBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "member_record_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "member_record_memberId_createdAt_idx" ON "member_record"("memberId", "createdAt");
