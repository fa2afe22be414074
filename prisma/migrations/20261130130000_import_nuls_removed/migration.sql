-- Imports remove NUL characters (PostgreSQL text cannot hold them) and report how many.
ALTER TABLE "ImportBatch" ADD COLUMN "nulsRemoved" INTEGER NOT NULL DEFAULT 0;
