-- CreateTable
CREATE TABLE "complaint" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "orderId" UUID,
    "ownerId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "severity" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "handlerId" UUID NOT NULL,
    "receivedBy" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "ackDueAt" TIMESTAMPTZ(3) NOT NULL,
    "resolveDueAt" TIMESTAMPTZ(3) NOT NULL,
    "ackBreached" BOOLEAN NOT NULL DEFAULT false,
    "resolveBreached" BOOLEAN NOT NULL DEFAULT false,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "resolution" TEXT,
    "rootCauseCategory" TEXT,
    "rootCauseNotes" TEXT,
    "responsibleMemberId" UUID,
    "satisfaction" INTEGER,
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "reopenReason" TEXT,
    "breachAttempts" INTEGER NOT NULL DEFAULT 0,
    "breachRetryAt" TIMESTAMPTZ(3),
    "breachError" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "revisit" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "orderId" UUID,
    "previousId" UUID,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "satisfaction" INTEGER,
    "notes" TEXT,
    "completedBy" TEXT,
    "completedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "revisit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "complaint_receivedAt_id_idx" ON "complaint"("receivedAt", "id");

-- CreateIndex
CREATE INDEX "complaint_teamId_receivedAt_idx" ON "complaint"("teamId", "receivedAt");

-- CreateIndex
CREATE INDEX "complaint_handlerId_status_idx" ON "complaint"("handlerId", "status");

-- CreateIndex
CREATE INDEX "complaint_customerId_idx" ON "complaint"("customerId");

-- CreateIndex
CREATE INDEX "complaint_status_ackDueAt_idx" ON "complaint"("status", "ackDueAt");

-- CreateIndex
CREATE INDEX "complaint_status_resolveDueAt_idx" ON "complaint"("status", "resolveDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "revisit_orderId_key" ON "revisit"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "revisit_previousId_key" ON "revisit"("previousId");

-- CreateIndex
CREATE INDEX "revisit_customerId_dueAt_idx" ON "revisit"("customerId", "dueAt");

-- CreateIndex
CREATE INDEX "revisit_status_dueAt_idx" ON "revisit"("status", "dueAt");
