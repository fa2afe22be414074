-- One job runtime for every kind of model work: runs and tasks are named for what they are, and a
-- judging task says which answer its judge sees first instead of reusing "sampleIndex".

-- Rename the tables, keeping their rows, and their constraints and indexes with them.
ALTER TABLE "GenerationRun" RENAME TO "Run";
ALTER TABLE "Run" RENAME CONSTRAINT "GenerationRun_pkey" TO "Run_pkey";
ALTER TABLE "Run" RENAME CONSTRAINT "GenerationRun_projectId_fkey" TO "Run_projectId_fkey";
ALTER INDEX "GenerationRun_projectId_createdAt_idx" RENAME TO "Run_projectId_createdAt_idx";

ALTER TABLE "GenerationTask" RENAME TO "Task";
ALTER TABLE "Task" RENAME CONSTRAINT "GenerationTask_pkey" TO "Task_pkey";
ALTER TABLE "Task" RENAME CONSTRAINT "GenerationTask_runId_fkey" TO "Task_runId_fkey";
ALTER TABLE "Task" RENAME CONSTRAINT "GenerationTask_promptId_fkey" TO "Task_promptId_fkey";
ALTER TABLE "Task" RENAME CONSTRAINT "GenerationTask_endpointId_fkey" TO "Task_endpointId_fkey";
ALTER TABLE "Task" RENAME CONSTRAINT "GenerationTask_pairId_fkey" TO "Task_pairId_fkey";
ALTER INDEX "GenerationTask_status_leasedUntil_idx" RENAME TO "Task_status_leasedUntil_idx";
DROP INDEX "GenerationTask_runId_status_idx";
DROP INDEX "GenerationTask_runId_promptId_endpointId_role_sampleIndex_p_key";
DROP INDEX "GenerationTask_runId_pairId_endpointId_sampleIndex_key";

-- The judging order, moved out of sampleIndex (where 1 meant swapped). Judging tasks get sampleIndex 0 again.
CREATE TYPE "JudgeOrder" AS ENUM ('SHOWN_AS_STORED', 'SWAPPED');
ALTER TABLE "Task" ADD COLUMN "judgeOrder" "JudgeOrder";
UPDATE "Task" t
SET "judgeOrder" = CASE WHEN t."sampleIndex" = 1 THEN 'SWAPPED'::"JudgeOrder" ELSE 'SHOWN_AS_STORED'::"JudgeOrder" END,
    "sampleIndex" = 0
FROM "Run" r
WHERE r."id" = t."runId" AND r."kind" = 'JUDGING';
ALTER TABLE "Task" ALTER COLUMN "sampleIndex" SET DEFAULT 0;

-- The queue order the claim follows (existing tasks are numbered in no particular order).
ALTER TABLE "Task" ADD COLUMN "seq" SERIAL NOT NULL;

CREATE UNIQUE INDEX "Task_runId_pairId_endpointId_judgeOrder_key" ON "Task"("runId", "pairId", "endpointId", "judgeOrder");
CREATE INDEX "Task_runId_status_seq_idx" ON "Task"("runId", "status", "seq");

-- pg-boss no longer runs, so its schema goes with it.
DROP SCHEMA IF EXISTS "pgboss" CASCADE;
