-- Document runs: instructions or preference triples generated from document chunks, and every
-- item they produced (kept or dropped, and where), which is what a run's funnel counts.
ALTER TYPE "RunKind" ADD VALUE 'DOC_INSTRUCTIONS';
ALTER TYPE "RunKind" ADD VALUE 'DOC_PREFERENCES';
ALTER TYPE "CandidateSource" ADD VALUE 'DOCUMENT';

CREATE TYPE "DocItemStage" AS ENUM ('INVALID', 'NOT_VERBATIM', 'SOURCE_MENTION', 'FILTER', 'NEAR_DUPLICATE', 'CONTAMINATED', 'NO_REJECTED');
CREATE TYPE "DocItemStatus" AS ENUM ('PENDING', 'KEPT', 'DROPPED');

ALTER TABLE "Run" ADD COLUMN "settings" JSONB;

ALTER TABLE "Task"
  ALTER COLUMN "promptId" DROP NOT NULL,
  ADD COLUMN "chunkId" TEXT,
  ADD COLUMN "itemIndex" INTEGER,
  ADD COLUMN "inputTokens" INTEGER,
  ADD COLUMN "outputTokens" INTEGER,
  ADD COLUMN "costUsd" DOUBLE PRECISION;
CREATE UNIQUE INDEX "Task_runId_chunkId_itemIndex_key" ON "Task"("runId", "chunkId", "itemIndex");
ALTER TABLE "Task" ADD CONSTRAINT "Task_chunkId_fkey" FOREIGN KEY ("chunkId") REFERENCES "Chunk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Candidate" ADD COLUMN "chunkId" TEXT;
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_chunkId_fkey" FOREIGN KEY ("chunkId") REFERENCES "Chunk"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "DocItem" (
  "id" TEXT NOT NULL,
  "runId" TEXT NOT NULL,
  "chunkId" TEXT NOT NULL,
  "documentId" TEXT NOT NULL,
  "itemIndex" INTEGER NOT NULL,
  "instruction" TEXT NOT NULL,
  "answer" TEXT,
  "chosen" TEXT,
  "rejected" TEXT,
  "raw" TEXT,
  "status" "DocItemStatus" NOT NULL,
  "droppedAt" "DocItemStage",
  "dropReason" TEXT,
  "pairId" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "DocItem_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "DocItem_pairId_key" ON "DocItem"("pairId");
CREATE UNIQUE INDEX "DocItem_runId_chunkId_itemIndex_key" ON "DocItem"("runId", "chunkId", "itemIndex");
CREATE INDEX "DocItem_runId_status_idx" ON "DocItem"("runId", "status");
ALTER TABLE "DocItem" ADD CONSTRAINT "DocItem_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DocItem" ADD CONSTRAINT "DocItem_chunkId_fkey" FOREIGN KEY ("chunkId") REFERENCES "Chunk"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DocItem" ADD CONSTRAINT "DocItem_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DocItem" ADD CONSTRAINT "DocItem_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "Pair"("id") ON DELETE SET NULL ON UPDATE CASCADE;
