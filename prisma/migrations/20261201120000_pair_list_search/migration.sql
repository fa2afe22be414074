-- The Pairs list pages by keyset on (createdAt, id) within a project: with id in the index the
-- cursor's row comparison is an index condition and ties on createdAt need no sort. It covers
-- what the (projectId, createdAt) index served.
DROP INDEX "Pair_projectId_createdAt_idx";
CREATE INDEX "Pair_projectId_createdAt_id_idx" ON "Pair"("projectId", "createdAt", "id");

-- Full-text search over prompts and answers. Expression indexes rather than stored tsvector
-- columns: they cost no table space, and the list rechecks only the rows they return. The simple
-- configuration keeps every word as written (no stemming, no stop words), whatever the language.
-- Prisma cannot declare expression indexes and leaves these alone (schema.prisma mentions them).
CREATE INDEX "Prompt_text_search_idx" ON "Prompt" USING GIN (to_tsvector('simple', "text"));
CREATE INDEX "Candidate_text_search_idx" ON "Candidate" USING GIN (to_tsvector('simple', "text"));

-- The pair page says who adjudicated and when, and an adjudication may be changed after it is made.
ALTER TABLE "Adjudication" ADD COLUMN "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
