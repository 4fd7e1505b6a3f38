-- CreateTable
CREATE TABLE "leave_request" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "decidedBy" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "leave_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "meeting" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "heldOn" DATE NOT NULL,
    "attendeeIds" UUID[],
    "notes" TEXT NOT NULL,
    "casesShared" TEXT[],
    "actionItems" JSONB NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meeting_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "leave_request_teamId_createdAt_id_idx" ON "leave_request"("teamId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "leave_request_memberId_idx" ON "leave_request"("memberId");

-- CreateIndex
CREATE INDEX "meeting_teamId_createdAt_id_idx" ON "meeting"("teamId", "createdAt", "id");
