-- AlterTable
ALTER TABLE "member" ADD COLUMN     "phoneIndex" TEXT;

-- CreateIndex
CREATE INDEX "member_phoneIndex_idx" ON "member"("phoneIndex");
