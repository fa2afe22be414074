-- Documents and the chunks cut from them, and each project's chunking settings.
CREATE TYPE "DocumentFormat" AS ENUM ('TEXT', 'MARKDOWN', 'HTML');
CREATE TYPE "ShortDocuments" AS ENUM ('KEEP', 'DROP');

ALTER TABLE "Project"
  ADD COLUMN "chunkMinChars" INTEGER NOT NULL DEFAULT 1000,
  ADD COLUMN "chunkMaxChars" INTEGER NOT NULL DEFAULT 2000,
  ADD COLUMN "chunkOverlapSentences" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "shortDocuments" "ShortDocuments" NOT NULL DEFAULT 'KEEP';

CREATE TABLE "Document" (
  "id" TEXT NOT NULL,
  "projectId" TEXT NOT NULL,
  "title" TEXT NOT NULL,
  "fileName" TEXT,
  "format" "DocumentFormat" NOT NULL,
  "rawText" TEXT NOT NULL,
  "cleanText" TEXT NOT NULL,
  "checksum" TEXT NOT NULL,
  "byteSize" INTEGER NOT NULL,
  "createdById" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Document_projectId_checksum_key" ON "Document"("projectId", "checksum");
CREATE INDEX "Document_projectId_createdAt_idx" ON "Document"("projectId", "createdAt");
ALTER TABLE "Document" ADD CONSTRAINT "Document_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "Chunk" (
  "id" TEXT NOT NULL,
  "projectId" TEXT NOT NULL,
  "documentId" TEXT NOT NULL,
  "settingsKey" TEXT NOT NULL,
  "index" INTEGER NOT NULL,
  "text" TEXT NOT NULL,
  "start" INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "Chunk_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Chunk_documentId_settingsKey_index_key" ON "Chunk"("documentId", "settingsKey", "index");
CREATE INDEX "Chunk_projectId_settingsKey_idx" ON "Chunk"("projectId", "settingsKey");
ALTER TABLE "Chunk" ADD CONSTRAINT "Chunk_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Chunk" ADD CONSTRAINT "Chunk_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;
