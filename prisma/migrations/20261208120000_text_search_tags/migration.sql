-- PostgreSQL's text-search parser reads "<…>" as markup and leaves out what it takes for a tag:
-- "<script>alert('xss')</script>" gave no word at all, "a<b and c>d" lost "b and c", and
-- "List<String>" lost "String". Prompts and answers are code as often as prose, so the search
-- indexes read them with angle brackets as spaces (lib/pairs/text-search.ts reads them the same way).
DROP INDEX "Prompt_text_search_idx";
DROP INDEX "Candidate_text_search_idx";
CREATE INDEX "Prompt_text_search_idx" ON "Prompt" USING GIN (to_tsvector('simple', translate("text", '<>', '  ')));
CREATE INDEX "Candidate_text_search_idx" ON "Candidate" USING GIN (to_tsvector('simple', translate("text", '<>', '  ')));
