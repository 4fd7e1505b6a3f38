-- CreateTable
CREATE TABLE "sales_contract" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "ownerId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "createdBy" TEXT NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "deliveryDate" TEXT NOT NULL,
    "paymentMethod" TEXT NOT NULL,
    "afterSalesTerms" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "approvedBy" TEXT,
    "approvedAt" TIMESTAMPTZ(3),
    "statusReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "sales_contract_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sales_contract_teamId_createdAt_idx" ON "sales_contract"("teamId", "createdAt");

-- CreateIndex
CREATE INDEX "sales_contract_ownerId_createdAt_idx" ON "sales_contract"("ownerId", "createdAt");
