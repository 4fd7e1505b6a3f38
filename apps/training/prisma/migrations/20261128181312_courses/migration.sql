-- CreateTable
CREATE TABLE "trainee" (
    "memberId" UUID NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "teamId" UUID NOT NULL,
    "position" TEXT NOT NULL,
    "placementVersion" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "trainee_pkey" PRIMARY KEY ("memberId")
);

-- CreateTable
CREATE TABLE "training_team" (
    "teamId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "leaderId" UUID,
    "viceLeaderId" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "training_team_pkey" PRIMARY KEY ("teamId")
);

-- CreateTable
CREATE TABLE "course" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "materials" JSONB NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "passingScore" INTEGER NOT NULL,
    "maxAttempts" INTEGER NOT NULL,
    "requiredFor" TEXT[],
    "certificateValidityMonths" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "course_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment" (
    "id" UUID NOT NULL,
    "courseId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "passingScore" INTEGER NOT NULL,
    "questions" JSONB NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_session" (
    "id" UUID NOT NULL,
    "courseId" UUID NOT NULL,
    "trainerMemberId" UUID,
    "trainerName" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "location" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "waitlist" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "training_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enrollment" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "courseId" UUID NOT NULL,
    "sessionId" UUID,
    "reason" TEXT NOT NULL,
    "complaintId" UUID,
    "onceKey" TEXT,
    "status" TEXT NOT NULL,
    "attendance" TEXT,
    "attendanceAt" TIMESTAMP(3),
    "rating" INTEGER,
    "reflection" TEXT,
    "reflectionGrade" INTEGER,
    "feedbackAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "enrollment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attempt" (
    "id" UUID NOT NULL,
    "assessmentId" UUID NOT NULL,
    "courseId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "memberId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "attemptNo" INTEGER NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 1,
    "answers" JSONB NOT NULL,
    "points" JSONB NOT NULL,
    "score" DOUBLE PRECISION,
    "passed" BOOLEAN,
    "status" TEXT NOT NULL,
    "retrainingRequired" BOOLEAN NOT NULL DEFAULT false,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "gradedAt" TIMESTAMP(3),
    "gradedBy" TEXT,

    CONSTRAINT "attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "certificate" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "memberId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "courseId" UUID NOT NULL,
    "attemptId" UUID NOT NULL,
    "holderName" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "validUntil" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "certificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "course_createdAt_id_idx" ON "course"("createdAt", "id");

-- CreateIndex
CREATE INDEX "assessment_courseId_idx" ON "assessment"("courseId");

-- CreateIndex
CREATE INDEX "training_session_createdAt_id_idx" ON "training_session"("createdAt", "id");

-- CreateIndex
CREATE INDEX "training_session_courseId_startsAt_idx" ON "training_session"("courseId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "enrollment_onceKey_key" ON "enrollment"("onceKey");

-- CreateIndex
CREATE INDEX "enrollment_memberId_idx" ON "enrollment"("memberId");

-- CreateIndex
CREATE INDEX "enrollment_sessionId_status_createdAt_idx" ON "enrollment"("sessionId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "attempt_status_idx" ON "attempt"("status");

-- CreateIndex
CREATE UNIQUE INDEX "attempt_memberId_assessmentId_attemptNo_key" ON "attempt"("memberId", "assessmentId", "attemptNo");

-- CreateIndex
CREATE UNIQUE INDEX "certificate_number_key" ON "certificate"("number");

-- CreateIndex
CREATE UNIQUE INDEX "certificate_attemptId_key" ON "certificate"("attemptId");

-- CreateIndex
CREATE INDEX "certificate_memberId_idx" ON "certificate"("memberId");

-- CreateIndex
CREATE INDEX "certificate_issuedAt_id_idx" ON "certificate"("issuedAt", "id");
