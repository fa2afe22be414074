-- sha256 of the cleaned text with LF line endings and no spaces at line ends (UTF-8): an upload
-- whose bytes differ only in those (a copy saved on Windows, an editor's trailing spaces) is the
-- same document. Not unique: projects may already hold such copies. Documents stored before had
-- their cleaned text's line endings and spaces normalised already, so its own hash is that form's.
ALTER TABLE "Document" ADD COLUMN "cleanChecksum" TEXT;
UPDATE "Document" SET "cleanChecksum" = encode(sha256(convert_to("cleanText", 'UTF8')), 'hex');
CREATE INDEX "Document_projectId_cleanChecksum_idx" ON "Document"("projectId", "cleanChecksum");
