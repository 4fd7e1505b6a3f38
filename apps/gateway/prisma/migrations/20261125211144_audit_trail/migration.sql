-- CreateTable
CREATE TABLE "audit_event" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "requestId" TEXT,
    "details" JSONB NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "audit_event_hash_key" ON "audit_event"("hash");

-- CreateIndex
CREATE INDEX "audit_event_actor_seq_idx" ON "audit_event"("actor", "seq");

-- CreateIndex
CREATE INDEX "audit_event_subject_seq_idx" ON "audit_event"("subject", "seq");

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");
