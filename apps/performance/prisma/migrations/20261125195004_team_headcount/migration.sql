-- CreateTable
CREATE TABLE "team_headcount" (
    "teamId" UUID NOT NULL,
    "hired" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "team_headcount_pkey" PRIMARY KEY ("teamId")
);
