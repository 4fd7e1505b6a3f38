-- CreateIndex
CREATE INDEX "customer_createdAt_id_idx" ON "customer"("createdAt", "id");
