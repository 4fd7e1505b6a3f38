-- CreateTable
CREATE TABLE "member_standing" (
    "memberId" UUID NOT NULL,
    "statusVersion" INTEGER NOT NULL DEFAULT 0,
    "placementVersion" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "member_standing_pkey" PRIMARY KEY ("memberId")
);
