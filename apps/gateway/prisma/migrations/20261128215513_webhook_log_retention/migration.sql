-- CreateIndex
CREATE INDEX "webhook_delivery_deliveredAt_idx" ON "webhook_delivery"("deliveredAt");

-- CreateIndex
CREATE INDEX "webhook_attempt_at_idx" ON "webhook_attempt"("at");
