-- AlterTable
ALTER TABLE "enrollment" ADD COLUMN     "reflectionDueAt" TIMESTAMP(3);
