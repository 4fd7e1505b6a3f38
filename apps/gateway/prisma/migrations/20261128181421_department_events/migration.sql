-- CreateTable
CREATE TABLE "webhook_subscription" (
    "id" UUID NOT NULL,
    "ownerKind" TEXT NOT NULL,
    "ownerId" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "types" TEXT[],
    "secretSealed" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "failingSince" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_delivery" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "subscriptionId" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "eventType" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "traceparent" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "retryingSince" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_attempt" (
    "id" UUID NOT NULL,
    "deliveryId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "status" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "response" TEXT NOT NULL,
    "error" TEXT,

    CONSTRAINT "webhook_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "department_event" (
    "seq" BIGSERIAL NOT NULL,
    "eventId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "department_event_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "webhook_subscription_ownerKind_ownerId_idx" ON "webhook_subscription"("ownerKind", "ownerId");

-- CreateIndex
CREATE INDEX "webhook_delivery_subscriptionId_status_seq_idx" ON "webhook_delivery"("subscriptionId", "status", "seq");

-- CreateIndex
CREATE INDEX "webhook_delivery_status_nextAttemptAt_idx" ON "webhook_delivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_delivery_subscriptionId_eventId_key" ON "webhook_delivery"("subscriptionId", "eventId");

-- CreateIndex
CREATE INDEX "webhook_attempt_deliveryId_at_idx" ON "webhook_attempt"("deliveryId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "department_event_eventId_key" ON "department_event"("eventId");

-- CreateIndex
CREATE INDEX "department_event_receivedAt_idx" ON "department_event"("receivedAt");
