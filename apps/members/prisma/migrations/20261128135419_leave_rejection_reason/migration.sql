-- AlterTable
ALTER TABLE "leave_request" ADD COLUMN     "rejectionReason" TEXT;
