-- The metrics' human-vs-model win rates start from a project's human-written answers; this finds
-- them without reading its model answers (a million-pair project has two million of those).
CREATE INDEX "Candidate_human_idx" ON "Candidate"("projectId") WHERE "source" = 'HUMAN';
