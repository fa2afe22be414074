-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('OPEN', 'VOTED', 'SKIPPED');

-- CreateEnum
CREATE TYPE "VoteChoice" AS ENUM ('A', 'B', 'TIE', 'BOTH_BAD');

-- AlterTable
ALTER TABLE "Pair" ADD COLUMN     "voteCount" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "pairId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "status" "AssignmentStatus" NOT NULL DEFAULT 'OPEN',
    "leftIsA" BOOLEAN NOT NULL,
    "leasedUntil" TIMESTAMPTZ(3) NOT NULL,
    "skipReason" TEXT,
    "skipFlags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vote" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "pairId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "choice" "VoteChoice" NOT NULL,
    "strength" INTEGER,
    "rationale" TEXT,
    "leftIsA" BOOLEAN NOT NULL,
    "timeOnItemMs" INTEGER NOT NULL,
    "editedText" TEXT,
    "flags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Vote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Adjudication" (
    "pairId" TEXT NOT NULL,
    "label" "VoteChoice" NOT NULL,
    "reason" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Adjudication_pkey" PRIMARY KEY ("pairId")
);

-- CreateIndex
CREATE INDEX "Assignment_pairId_status_leasedUntil_idx" ON "Assignment"("pairId", "status", "leasedUntil");

-- CreateIndex
CREATE INDEX "Assignment_projectId_userId_status_idx" ON "Assignment"("projectId", "userId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_pairId_userId_key" ON "Assignment"("pairId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Vote_assignmentId_key" ON "Vote"("assignmentId");

-- CreateIndex
CREATE INDEX "Vote_projectId_userId_createdAt_idx" ON "Vote"("projectId", "userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Vote_pairId_userId_key" ON "Vote"("pairId", "userId");

-- CreateIndex
CREATE INDEX "Pair_projectId_voteCount_createdAt_id_idx" ON "Pair"("projectId", "voteCount", "createdAt", "id");

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "Pair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "Pair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adjudication" ADD CONSTRAINT "Adjudication_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "Pair"("id") ON DELETE CASCADE ON UPDATE CASCADE;
