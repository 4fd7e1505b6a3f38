-- CreateTable
CREATE TABLE "training_plan" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "training_plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_plan_item" (
    "id" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "courseId" UUID NOT NULL,
    "month" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "training_plan_item_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "training_plan_createdAt_id_idx" ON "training_plan"("createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "training_plan_teamId_year_key" ON "training_plan"("teamId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "training_plan_item_planId_position_key" ON "training_plan_item"("planId", "position");
