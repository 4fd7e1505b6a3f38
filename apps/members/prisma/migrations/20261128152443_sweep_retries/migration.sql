-- CreateTable
CREATE TABLE "sweep_retry" (
    "kind" TEXT NOT NULL,
    "itemId" UUID NOT NULL,
    "attempts" INTEGER NOT NULL,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "lastError" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sweep_retry_pkey" PRIMARY KEY ("kind","itemId")
);
