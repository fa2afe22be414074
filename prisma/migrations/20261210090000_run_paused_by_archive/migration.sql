-- A run paused by its project's archiving is marked, so its card says why it is paused once the
-- project is back. Runs paused before this migration are taken as paused by an admin.
ALTER TABLE "Run" ADD COLUMN "pausedByArchive" BOOLEAN NOT NULL DEFAULT false;
