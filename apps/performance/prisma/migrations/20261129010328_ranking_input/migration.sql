-- CreateTable
CREATE TABLE "ranking_input" (
    "writer" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ranking_input_pkey" PRIMARY KEY ("writer")
);
