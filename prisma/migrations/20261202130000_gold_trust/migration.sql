-- Gold pairs (a known answer, served to score annotators, never in the dataset) and the trust
-- rule that leaves out the votes of annotators below a gold accuracy.
ALTER TABLE "Project"
  ADD COLUMN "goldRate" DOUBLE PRECISION NOT NULL DEFAULT 0.05,
  ADD COLUMN "trustMinAccuracy" DOUBLE PRECISION,
  ADD COLUMN "trustMinGold" INTEGER NOT NULL DEFAULT 10;

ALTER TABLE "Pair" ADD COLUMN "goldLabel" "PairLabel";

ALTER TABLE "Vote" ADD COLUMN "excluded" BOOLEAN NOT NULL DEFAULT false;

-- Few pairs are gold: the queue draws from them, the metrics and the trust rule join their votes.
CREATE INDEX "Pair_gold_idx" ON "Pair"("projectId") WHERE "goldLabel" IS NOT NULL;
-- A new vote takes its annotator's flag from their excluded votes, and applyTrust clears them:
-- both look up excluded votes only, which are few.
CREATE INDEX "Vote_excluded_idx" ON "Vote"("projectId", "userId") WHERE "excluded";
