-- Two facts of each pair, stored on its row because the export and the metrics read them for a
-- million pairs at a time, and computing them on every read was a large part of both:
--   "majority": the label of its counted votes (lib/labels/precedence.ts, `majority()`), kept
--     with the running tally it is computed from. As an expression, PostgreSQL evaluated it again
--     at each place a statement used the label (the export's 1M pairs: about 0.3 s).
--   "identical": whether its two answers are the same text once trimmed, the export's "identical"
--     check (about 0.5 s of trimming both texts of 1M pairs). Candidates' texts never change, so
--     it is decided once, when the pair is made; an annotator's edit is still compared on export.

ALTER TABLE "Pair" ADD COLUMN "majority" "PairLabel", ADD COLUMN "identical" BOOLEAN;

-- The majority of counts per choice: the choice with more votes than each other one, else TIE
-- when there are votes (an even split between the leading choices), else NULL. The same rule
-- as majority() and majoritySql(); lib/labels/tally.test.ts checks that the three agree.
CREATE FUNCTION pair_majority(a integer, b integer, t integer, x integer) RETURNS "PairLabel"
LANGUAGE sql IMMUTABLE AS $$
  SELECT (CASE
    WHEN a > b AND a > t AND a > x THEN 'A'
    WHEN b > a AND b > t AND b > x THEN 'B'
    WHEN t > a AND t > b AND t > x THEN 'TIE'
    WHEN x > a AND x > b AND x > t THEN 'BOTH_BAD'
    WHEN a + b + t + x > 0 THEN 'TIE'
  END)::"PairLabel"
$$;

-- Follows every change of the tally (the vote triggers' updates, a recount, any write).
CREATE FUNCTION pair_majority_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."majority" := pair_majority(NEW."votesA", NEW."votesB", NEW."votesTie", NEW."votesBothBad");
  RETURN NEW;
END $$;

CREATE TRIGGER "Pair_majority" BEFORE UPDATE OF "votesA", "votesB", "votesTie", "votesBothBad" ON "Pair"
  FOR EACH ROW EXECUTE FUNCTION pair_majority_keep();

-- The insert-time facts (migration pair_answer_facts) now include "identical", and the majority
-- of a pair inserted with counts. An insert that gives the lengths gives "identical" too (imports
-- have the texts at hand); otherwise all three come from the candidates.
CREATE OR REPLACE FUNCTION pair_answer_facts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ta text;
  tb text;
BEGIN
  IF NEW."charsA" IS NULL OR NEW."charsB" IS NULL OR NEW."identical" IS NULL THEN
    SELECT c."text", c."role" INTO ta, NEW."roleA" FROM "Candidate" c WHERE c."id" = NEW."candidateAId";
    SELECT c."text", c."role" INTO tb, NEW."roleB" FROM "Candidate" c WHERE c."id" = NEW."candidateBId";
    NEW."charsA" := char_length(ta);
    NEW."charsB" := char_length(tb);
    NEW."identical" := btrim(ta, E' \t\n\r\f\v') = btrim(tb, E' \t\n\r\f\v');
  END IF;
  IF NEW."votesA" + NEW."votesB" + NEW."votesTie" + NEW."votesBothBad" > 0 THEN
    NEW."majority" := pair_majority(NEW."votesA", NEW."votesB", NEW."votesTie", NEW."votesBothBad");
  END IF;
  RETURN NEW;
END $$;

-- Existing pairs.
UPDATE "Pair" p SET "identical" = btrim(a."text", E' \t\n\r\f\v') = btrim(b."text", E' \t\n\r\f\v'),
  "majority" = pair_majority(p."votesA", p."votesB", p."votesTie", p."votesBothBad")
FROM "Candidate" a, "Candidate" b
WHERE a."id" = p."candidateAId" AND b."id" = p."candidateBId";
