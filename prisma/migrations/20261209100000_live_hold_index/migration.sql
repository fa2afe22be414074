-- The queue orders pairs by votes plus live holds: the pairs held now are read through this index
-- (a project's open assignments by lease end, live ones a range of it), never through all of the
-- project's assignments. Prisma ignores partial indexes, so schema.prisma does not list it.
CREATE INDEX "Assignment_live_idx" ON "Assignment"("projectId", "leasedUntil") WHERE "status" = 'OPEN';
