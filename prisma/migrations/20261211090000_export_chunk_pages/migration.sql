-- An export's file was stored in 1 MB chunks kept out of line, which PostgreSQL cuts into rows of
-- about 2 KB in the column's TOAST table, each with an index entry: 540 rows and index entries
-- for every megabyte, written while the file downloads. Chunks are now a page each (8,000 bytes)
-- and stored in the row itself: a quarter of the rows, and no TOAST table. PLAIN keeps both
-- columns there uncompressed (left EXTENDED, the snapshot's id of such a large row would be moved
-- out of line instead); a row larger than a page is refused rather than moved.
-- Chunks already stored stay as they are and read back the same.
ALTER TABLE "ExportChunk" ALTER COLUMN "data" SET STORAGE PLAIN, ALTER COLUMN "snapshotId" SET STORAGE PLAIN;
