-- CreateTable
CREATE TABLE "application" (
    "id" UUID NOT NULL,
    "candidateName" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "channel" TEXT NOT NULL,
    "resume" TEXT NOT NULL,
    "teamId" UUID NOT NULL,
    "position" TEXT NOT NULL,
    "track" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "interviewer" TEXT,
    "interviewAt" TIMESTAMPTZ(3),
    "interviewScore" INTEGER,
    "interviewNotes" TEXT,
    "rejectionReason" TEXT,
    "memberId" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "application_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "application_teamId_createdAt_id_idx" ON "application"("teamId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "application_status_idx" ON "application"("status");
