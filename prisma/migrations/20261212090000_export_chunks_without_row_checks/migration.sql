-- An export's file is stored as one chunk row per 8,000 bytes: 13,600 rows for the 108 MB file of
-- a million pairs. The foreign key to ExportSnapshot checked each row at the end of the COPY that
-- wrote them (PostgreSQL fires those checks after the statement), one index lookup and row lock
-- each: about 0.55 s of the database's time, spent after the file's last byte and before the
-- download could end. The chunk writer already locks its snapshot's row (FOR KEY SHARE, until its
-- commit) and refuses to write when the row is gone, which is the check the key made; so the key
-- goes, and a trigger keeps its ON DELETE CASCADE: deleting snapshots (one, or a project's)
-- deletes their chunks in the same statement.
ALTER TABLE "ExportChunk" DROP CONSTRAINT "ExportChunk_snapshotId_fkey";

CREATE FUNCTION export_chunks_of_deleted_snapshots() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ExportChunk" c USING deleted_snapshots d WHERE c."snapshotId" = d."id";
  RETURN NULL;
END $$;

CREATE TRIGGER "ExportSnapshot_delete_chunks" AFTER DELETE ON "ExportSnapshot"
  REFERENCING OLD TABLE AS deleted_snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION export_chunks_of_deleted_snapshots();
