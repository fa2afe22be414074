-- The metrics' judge figures (position bias, order agreement, failures) group a project's
-- judgments by pair and judge. Through this index they are read in that order from the index
-- alone (a project settled by autovacuum has its visibility map set), with no sort, hash or heap
-- visit: 2.2 s → 1.0 s for the 2M judgments of a million-pair project.
CREATE INDEX "Judgment_verdicts_idx" ON "Judgment"("projectId", "pairId", "endpointId") INCLUDE ("status", "winner", "swapped");
