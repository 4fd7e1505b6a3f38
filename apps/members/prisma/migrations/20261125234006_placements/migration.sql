-- CreateTable
CREATE TABLE "member_placement" (
    "id" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "position" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),

    CONSTRAINT "member_placement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "team_placement" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "parentId" UUID,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),

    CONSTRAINT "team_placement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "member_placement_memberId_startedAt_idx" ON "member_placement"("memberId", "startedAt");

-- CreateIndex
CREATE INDEX "member_placement_teamId_startedAt_idx" ON "member_placement"("teamId", "startedAt");

-- CreateIndex
CREATE INDEX "team_placement_teamId_startedAt_idx" ON "team_placement"("teamId", "startedAt");

-- History starts with where every member and team is now.
INSERT INTO "member_placement" ("id", "memberId", "teamId", "position", "startedAt", "endedAt")
SELECT gen_random_uuid(), "id", "teamId", "position", "hiredAt", "departedAt" FROM "member";
INSERT INTO "team_placement" ("id", "teamId", "parentId", "startedAt")
SELECT gen_random_uuid(), "id", "parentId", "createdAt" FROM "team";
