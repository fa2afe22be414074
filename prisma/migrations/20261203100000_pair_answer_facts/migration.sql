-- Each pair carries its answers' lengths and the roles of the endpoints that wrote them, so the
-- metrics' length bias and strong-vs-weak rate read the pairs alone: joining every candidate of
-- a million-pair project (two million texts) took most of the metrics page's time.
ALTER TABLE "Pair" ADD COLUMN "charsA" INTEGER, ADD COLUMN "charsB" INTEGER,
  ADD COLUMN "roleA" "EndpointRole", ADD COLUMN "roleB" "EndpointRole";

-- Filled from the candidates when an insert does not give the lengths (imports do, as they have
-- the texts at hand); candidates' texts never change, so an insert is the only time to do it.
CREATE FUNCTION pair_answer_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."charsA" IS NULL OR NEW."charsB" IS NULL THEN
    SELECT char_length(c."text"), c."role" INTO NEW."charsA", NEW."roleA" FROM "Candidate" c WHERE c."id" = NEW."candidateAId";
    SELECT char_length(c."text"), c."role" INTO NEW."charsB", NEW."roleB" FROM "Candidate" c WHERE c."id" = NEW."candidateBId";
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "Pair_answer_facts" BEFORE INSERT ON "Pair"
  FOR EACH ROW EXECUTE FUNCTION pair_answer_facts();

UPDATE "Pair" p SET "charsA" = char_length(a."text"), "roleA" = a."role",
  "charsB" = char_length(b."text"), "roleB" = b."role"
FROM "Candidate" a, "Candidate" b
WHERE a."id" = p."candidateAId" AND b."id" = p."candidateBId";
