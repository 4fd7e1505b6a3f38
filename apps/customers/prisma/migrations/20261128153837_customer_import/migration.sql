-- CreateTable
CREATE TABLE "customer_import" (
    "id" UUID NOT NULL,
    "createdBy" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "identity" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMPTZ(3),

    CONSTRAINT "customer_import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_import_row" (
    "importId" UUID NOT NULL,
    "rowNo" INTEGER NOT NULL,
    "values" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "customerId" UUID,
    "errors" JSONB,

    CONSTRAINT "customer_import_row_pkey" PRIMARY KEY ("importId","rowNo")
);

-- CreateIndex
CREATE UNIQUE INDEX "customer_import_dedupeKey_key" ON "customer_import"("dedupeKey");

-- CreateIndex
CREATE INDEX "customer_import_row_status_importId_rowNo_idx" ON "customer_import_row"("status", "importId", "rowNo");
