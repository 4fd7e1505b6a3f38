-- AlterTable
ALTER TABLE "roster_member" ADD COLUMN     "levelVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "placementVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "statusVersion" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "teamId" DROP NOT NULL,
ALTER COLUMN "position" DROP NOT NULL,
ALTER COLUMN "level" DROP NOT NULL,
ALTER COLUMN "status" DROP NOT NULL,
ALTER COLUMN "hiredAt" DROP NOT NULL;

-- The rows so far were written by members.member.hired, which is version 1 of a member.
UPDATE "roster_member" SET "statusVersion" = 1, "placementVersion" = 1, "levelVersion" = 1;
