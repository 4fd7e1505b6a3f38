-- AlterTable
ALTER TABLE "org_member" ADD COLUMN     "placementVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "statusVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "quota_week" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "nextAttemptAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "customer_import_row" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "nextAttemptAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "first_order" (
    "customerId" UUID NOT NULL,
    "orderId" UUID NOT NULL,
    "orderVersion" INTEGER NOT NULL,
    "won" BOOLEAN NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "first_order_pkey" PRIMARY KEY ("customerId")
);
