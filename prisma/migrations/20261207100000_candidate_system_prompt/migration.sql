-- The system message each generated answer was made with: exports gave every row the project's
-- system prompt as it was at export time, so a prompt set after generation (or an imported pair
-- in a project that has one) carried a system message its answers never saw. Existing generated
-- answers get what the runtime sent: the prompt's own system message, else the project's.
ALTER TABLE "Candidate" ADD COLUMN "systemPrompt" TEXT;

UPDATE "Candidate" c
SET "systemPrompt" = coalesce(nullif(pr."system", ''), nullif(pj."systemPrompt", ''))
FROM "Prompt" pr, "Project" pj
WHERE c."source" = 'GENERATED' AND pr."id" = c."promptId" AND pj."id" = c."projectId"
  AND coalesce(nullif(pr."system", ''), nullif(pj."systemPrompt", '')) IS NOT NULL;
