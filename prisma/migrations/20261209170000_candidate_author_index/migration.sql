-- The annotation queue passes over pairs holding an answer the annotator wrote; with no index
-- on the author, PostgreSQL read the whole (promptId, authorId) index for it on every claim
-- (2,000,000 answers: the claim's p95 past 2 s for 50 annotators at once). Few answers have an
-- author (people's written answers), so a partial index is small and cheap to keep.
CREATE INDEX "Candidate_authorId_idx" ON "Candidate"("authorId") WHERE "authorId" IS NOT NULL;
