-- Written answers: projects may ask members to write answers (the Write tab), each answer a
-- candidate with its author, served through a queue of its own.
CREATE TYPE "HumanPairing" AS ENUM ('STRONG', 'WEAK', 'HUMAN', 'SAMPLES');
CREATE TYPE "WriteStatus" AS ENUM ('OPEN', 'SUBMITTED', 'SKIPPED');

ALTER TABLE "Project"
  ADD COLUMN "writersPerPrompt" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "minAnswerChars" INTEGER NOT NULL DEFAULT 20,
  ADD COLUMN "humanPairing" "HumanPairing" NOT NULL DEFAULT 'STRONG';

ALTER TABLE "Prompt" ADD COLUMN "writtenCount" INTEGER NOT NULL DEFAULT 0;
CREATE INDEX "Prompt_projectId_writtenCount_createdAt_id_idx" ON "Prompt"("projectId", "writtenCount", "createdAt", "id");

ALTER TABLE "Candidate"
  ADD COLUMN "authorId" TEXT,
  ADD COLUMN "timeTakenMs" INTEGER;
CREATE UNIQUE INDEX "Candidate_promptId_authorId_key" ON "Candidate"("promptId", "authorId");
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "WriteAssignment" (
  "id" TEXT NOT NULL,
  "projectId" TEXT NOT NULL,
  "promptId" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "status" "WriteStatus" NOT NULL DEFAULT 'OPEN',
  "leasedUntil" TIMESTAMPTZ(3) NOT NULL,
  "skipReason" TEXT,
  "timeTakenMs" INTEGER,
  "candidateId" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "WriteAssignment_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "WriteAssignment_candidateId_key" ON "WriteAssignment"("candidateId");
CREATE UNIQUE INDEX "WriteAssignment_promptId_userId_key" ON "WriteAssignment"("promptId", "userId");
CREATE INDEX "WriteAssignment_promptId_status_leasedUntil_idx" ON "WriteAssignment"("promptId", "status", "leasedUntil");
CREATE INDEX "WriteAssignment_projectId_userId_status_idx" ON "WriteAssignment"("projectId", "userId", "status");
ALTER TABLE "WriteAssignment" ADD CONSTRAINT "WriteAssignment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WriteAssignment" ADD CONSTRAINT "WriteAssignment_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "Prompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WriteAssignment" ADD CONSTRAINT "WriteAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WriteAssignment" ADD CONSTRAINT "WriteAssignment_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Human-written answers: the value existed unused as AUTHORED, "human" is what exports and
-- filters say.
ALTER TYPE "CandidateSource" RENAME VALUE 'AUTHORED' TO 'HUMAN';
