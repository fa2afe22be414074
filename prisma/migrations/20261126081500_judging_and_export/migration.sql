-- CreateEnum
CREATE TYPE "RunKind" AS ENUM ('GENERATION', 'JUDGING');

-- CreateEnum
CREATE TYPE "JudgmentStatus" AS ENUM ('OK', 'FAILED');

-- CreateEnum
CREATE TYPE "JudgeStatus" AS ENUM ('AGREED', 'UNCERTAIN', 'FAILED');

-- CreateEnum
CREATE TYPE "ReviewReason" AS ENUM ('UNCERTAIN', 'LOW_CONFIDENCE', 'AUDIT', 'JUDGE_FAILED');

-- CreateEnum
CREATE TYPE "ExportStatus" AS ENUM ('RUNNING', 'COMPLETE', 'FAILED');

-- AlterEnum
ALTER TYPE "EndpointRole" ADD VALUE 'JUDGE';

-- DropIndex
DROP INDEX "GenerationTask_runId_promptId_endpointId_role_sampleIndex_key";

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "auditShare" DOUBLE PRECISION NOT NULL DEFAULT 0.1,
ADD COLUMN     "confidenceThreshold" DOUBLE PRECISION NOT NULL DEFAULT 2,
ADD COLUMN     "judgeRubric" TEXT,
ADD COLUMN     "uncertainToHumans" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "GenerationRun" ADD COLUMN     "kind" "RunKind" NOT NULL DEFAULT 'GENERATION';

-- AlterTable
ALTER TABLE "GenerationTask" ADD COLUMN     "pairId" TEXT;

-- AlterTable
ALTER TABLE "Pair" ADD COLUMN     "judgeConfidence" DOUBLE PRECISION,
ADD COLUMN     "judgeLabel" "PairLabel",
ADD COLUMN     "judgeStatus" "JudgeStatus",
ADD COLUMN     "reviewReason" "ReviewReason";

-- CreateTable
CREATE TABLE "Judgment" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "pairId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "swapped" BOOLEAN NOT NULL,
    "status" "JudgmentStatus" NOT NULL,
    "winner" "PairLabel",
    "scoreA" INTEGER,
    "scoreB" INTEGER,
    "rationale" TEXT,
    "rawText" TEXT NOT NULL,
    "repaired" BOOLEAN NOT NULL DEFAULT false,
    "error" TEXT,
    "inputTokens" INTEGER,
    "outputTokens" INTEGER,
    "costUsd" DOUBLE PRECISION,
    "latencyMs" INTEGER,
    "model" TEXT,
    "params" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Judgment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExportSnapshot" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "fileType" TEXT NOT NULL,
    "split" TEXT NOT NULL,
    "options" JSONB NOT NULL,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "rowCount" INTEGER NOT NULL DEFAULT 0,
    "byteSize" BIGINT NOT NULL DEFAULT 0,
    "checksum" TEXT,
    "card" TEXT NOT NULL DEFAULT '',
    "status" "ExportStatus" NOT NULL DEFAULT 'RUNNING',
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "ExportSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExportChunk" (
    "snapshotId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "ExportChunk_pkey" PRIMARY KEY ("snapshotId","seq")
);

-- CreateIndex
CREATE INDEX "Judgment_projectId_createdAt_idx" ON "Judgment"("projectId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Judgment_pairId_endpointId_swapped_key" ON "Judgment"("pairId", "endpointId", "swapped");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "ExportSnapshot_projectId_createdAt_idx" ON "ExportSnapshot"("projectId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "GenerationTask_runId_promptId_endpointId_role_sampleIndex_p_key" ON "GenerationTask"("runId", "promptId", "endpointId", "role", "sampleIndex", "pairId");

-- CreateIndex
CREATE UNIQUE INDEX "GenerationTask_runId_pairId_sampleIndex_key" ON "GenerationTask"("runId", "pairId", "sampleIndex");

-- AddForeignKey
ALTER TABLE "GenerationTask" ADD CONSTRAINT "GenerationTask_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "Pair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Judgment" ADD CONSTRAINT "Judgment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Judgment" ADD CONSTRAINT "Judgment_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "Pair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Judgment" ADD CONSTRAINT "Judgment_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "ModelEndpoint"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportSnapshot" ADD CONSTRAINT "ExportSnapshot_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportChunk" ADD CONSTRAINT "ExportChunk_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "ExportSnapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

