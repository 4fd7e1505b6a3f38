-- CreateTable
CREATE TABLE "departure" (
    "handoverId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "departure_pkey" PRIMARY KEY ("handoverId")
);

-- CreateIndex
CREATE INDEX "departure_status_createdAt_idx" ON "departure"("status", "createdAt");
