-- CreateTable
CREATE TABLE "kpi_event_fact" (
    "eventId" UUID NOT NULL,
    "memberId" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "teamId" UUID,
    "position" TEXT,
    "sales" BIGINT,
    "profit" BIGINT,
    "orders" BIGINT,
    "leads" BIGINT,
    "won" BIGINT,
    "rating" BIGINT,
    "ack_in_time" BIGINT,
    "resolved_in_time" BIGINT,
    "attendance" BIGINT,
    "certificates" BIGINT,
    "eventType" TEXT NOT NULL,
    "sourceType" TEXT NOT NULL,
    "sourceId" UUID NOT NULL,
    "sourceRef" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kpi_event_fact_pkey" PRIMARY KEY ("eventId","memberId")
);

-- The facts of one event and member, a row each (every fact of one event and member shares all
-- but its metric and value).
INSERT INTO "kpi_event_fact" ("eventId", "memberId", "period", "teamId", "position", "sales", "profit", "orders", "leads", "won", "rating", "ack_in_time", "resolved_in_time", "attendance", "certificates",
    "eventType", "sourceType", "sourceId", "sourceRef", "occurredAt")
SELECT "eventId", "memberId", "period", "teamId", "position", SUM("value") FILTER (WHERE "metric" = 'sales'),
    SUM("value") FILTER (WHERE "metric" = 'profit'),
    SUM("value") FILTER (WHERE "metric" = 'orders'),
    SUM("value") FILTER (WHERE "metric" = 'leads'),
    SUM("value") FILTER (WHERE "metric" = 'won'),
    SUM("value") FILTER (WHERE "metric" = 'rating'),
    SUM("value") FILTER (WHERE "metric" = 'ack_in_time'),
    SUM("value") FILTER (WHERE "metric" = 'resolved_in_time'),
    SUM("value") FILTER (WHERE "metric" = 'attendance'),
    SUM("value") FILTER (WHERE "metric" = 'certificates'),
    "eventType", "sourceType", "sourceId", "sourceRef", "occurredAt"
FROM "kpi_fact"
GROUP BY "eventId", "memberId", "period", "teamId", "position", "eventType", "sourceType",
    "sourceId", "sourceRef", "occurredAt";

-- DropTable
DROP TABLE "kpi_fact";

-- One row per (source event, member, metric), as the scorecards, rankings and drill-downs read them.
CREATE VIEW "kpi_fact" AS
SELECT f."eventId", f."memberId", m."metric", f."period", f."teamId", f."position", m."value",
    f."eventType", f."sourceType", f."sourceId", f."sourceRef", f."occurredAt"
FROM "kpi_event_fact" f
CROSS JOIN LATERAL (VALUES ('sales', f."sales"),
    ('profit', f."profit"),
    ('orders', f."orders"),
    ('leads', f."leads"),
    ('won', f."won"),
    ('rating', f."rating"),
    ('ack_in_time', f."ack_in_time"),
    ('resolved_in_time', f."resolved_in_time"),
    ('attendance', f."attendance"),
    ('certificates', f."certificates")) AS m("metric", "value")
WHERE m."value" IS NOT NULL;

-- CreateIndex
CREATE INDEX "kpi_event_fact_memberId_period_idx" ON "kpi_event_fact"("memberId", "period");

-- CreateIndex
CREATE INDEX "kpi_event_fact_period_teamId_idx" ON "kpi_event_fact"("period", "teamId");

-- CreateIndex
CREATE INDEX "kpi_event_fact_sourceId_idx" ON "kpi_event_fact"("sourceId");
