-- An export's file is stored as it streams, in 1 MB chunks. PostgreSQL compressed each chunk with
-- pglz before storing it, on the export's critical path, and pglz is slow (the embedded server
-- has no lz4). Chunks are now stored as they are, out of line: exports and re-downloads skip the
-- compression, for about three times the disk space of a JSONL file.
ALTER TABLE "ExportChunk" ALTER COLUMN "data" SET STORAGE EXTERNAL;
