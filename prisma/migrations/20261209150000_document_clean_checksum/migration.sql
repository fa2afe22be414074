-- sha256 of the cleaned text (UTF-8): an upload whose bytes differ only in what cleaning removes
-- (CRLF line endings, trailing spaces) is the same document. Not unique: projects may already
-- hold such copies.
ALTER TABLE "Document" ADD COLUMN "cleanChecksum" TEXT;
UPDATE "Document" SET "cleanChecksum" = encode(sha256(convert_to("cleanText", 'UTF8')), 'hex');
CREATE INDEX "Document_projectId_cleanChecksum_idx" ON "Document"("projectId", "cleanChecksum");
