-- The metrics' leave-one-out rows as running figures. For each counted vote on a pair, its
-- annotator, its choice and the other counted votes of the pair per choice: grouped, these give
-- each annotator's agreement with the others and the pairs' shapes for alpha and Fleiss' kappa.
-- Reading them from the 3M votes of a large project took 3.7 s of the metrics page; the Vote
-- triggers now keep them as votes change.
CREATE TABLE "VoteShapeDelta" (
    "id" BIGSERIAL NOT NULL,
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "choice" "VoteChoice" NOT NULL,
    "othersA" INTEGER NOT NULL,
    "othersB" INTEGER NOT NULL,
    "othersTie" INTEGER NOT NULL,
    "othersBothBad" INTEGER NOT NULL,
    "votes" INTEGER NOT NULL,
    CONSTRAINT "VoteShapeDelta_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "VoteShapeDelta_projectId_idx" ON "VoteShapeDelta"("projectId");
ALTER TABLE "VoteShapeDelta" ADD CONSTRAINT "VoteShapeDelta_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A vote changes the shape of every other vote on its pair, so unlike the tallies a change is not
-- a sum of independent increments: the statement's delta is the shapes of its pairs' counted
-- votes now minus their shapes before it (now, without the rows it wrote, plus the rows it
-- replaced or removed). That is exact only if no concurrent statement changed the same pairs
-- unseen, so the pairs are locked first (the tally trigger, which fires before this one, already
-- holds them) and the delta is read in the next statement, whose snapshot sees every vote
-- committed before the lock. The delta is appended, never merged into shared rows: concurrent
-- submits on other pairs wait for nothing, and no lock order can deadlock.
CREATE FUNCTION vote_shapes_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cols text := 'v."id", v."pairId", v."projectId", v."userId", v."choice", pair_vote_counted(v) AS counted';
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %s, 1 AS s FROM new_votes v', cols)
    WHEN 'DELETE' THEN format('SELECT %s, -1 AS s FROM old_votes v', cols)
    ELSE format('SELECT %s, 1 AS s FROM new_votes v UNION ALL SELECT %s, -1 AS s FROM old_votes v', cols, cols)
  END;
BEGIN
  EXECUTE format($q$
    SELECT 1 FROM "Pair" p WHERE p."id" IN (SELECT c."pairId" FROM (%s) c WHERE c.counted)
    ORDER BY p."id" FOR NO KEY UPDATE$q$, changed);
  EXECUTE format($q$
    WITH c AS (%s),
    cur AS (
      SELECT v."id", v."pairId", v."projectId", v."userId", v."choice" FROM "Vote" v
      WHERE v."pairId" IN (SELECT c."pairId" FROM c WHERE c.counted) AND pair_vote_counted(v)
    ),
    sides AS (
      SELECT n.*, 1 AS s FROM cur n
      UNION ALL
      SELECT n.*, -1 AS s FROM cur n WHERE n."id" NOT IN (SELECT c."id" FROM c WHERE c.s = 1)
      UNION ALL
      SELECT c."id", c."pairId", c."projectId", c."userId", c."choice", -1 AS s FROM c WHERE c.s = -1 AND c.counted
    ),
    counts AS (
      SELECT "pairId", s, count(*) FILTER (WHERE "choice" = 'A') AS a, count(*) FILTER (WHERE "choice" = 'B') AS b,
             count(*) FILTER (WHERE "choice" = 'TIE') AS t, count(*) FILTER (WHERE "choice" = 'BOTH_BAD') AS x
      FROM sides GROUP BY 1, 2
    )
    INSERT INTO "VoteShapeDelta" ("projectId", "userId", "choice", "othersA", "othersB", "othersTie", "othersBothBad", "votes")
    SELECT d."projectId", d."userId", d."choice", k.a - (d."choice" = 'A')::int, k.b - (d."choice" = 'B')::int,
           k.t - (d."choice" = 'TIE')::int, k.x - (d."choice" = 'BOTH_BAD')::int, sum(d.s)
    FROM sides d JOIN counts k ON k."pairId" = d."pairId" AND k.s = d.s
    WHERE EXISTS (SELECT 1 FROM "Project" pr WHERE pr."id" = d."projectId")
    GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(d.s) <> 0$q$, changed);
  RETURN NULL;
END $$;

-- Triggers of one event fire in the order of their names: these follow "Vote_tally_*".
CREATE TRIGGER "Vote_tally_insert_shapes" AFTER INSERT ON "Vote" REFERENCING NEW TABLE AS new_votes
  FOR EACH STATEMENT EXECUTE FUNCTION vote_shapes_apply();
CREATE TRIGGER "Vote_tally_update_shapes" AFTER UPDATE ON "Vote" REFERENCING OLD TABLE AS old_votes NEW TABLE AS new_votes
  FOR EACH STATEMENT EXECUTE FUNCTION vote_shapes_apply();
CREATE TRIGGER "Vote_tally_delete_shapes" AFTER DELETE ON "Vote" REFERENCING OLD TABLE AS old_votes
  FOR EACH STATEMENT EXECUTE FUNCTION vote_shapes_apply();

-- Existing votes.
INSERT INTO "VoteShapeDelta" ("projectId", "userId", "choice", "othersA", "othersB", "othersTie", "othersBothBad", "votes")
SELECT v."projectId", v."userId", v."choice", p."votesA" - (v."choice" = 'A')::int, p."votesB" - (v."choice" = 'B')::int,
       p."votesTie" - (v."choice" = 'TIE')::int, p."votesBothBad" - (v."choice" = 'BOTH_BAD')::int, count(*)
FROM "Vote" v JOIN "Pair" p ON p."id" = v."pairId"
WHERE pair_vote_counted(v)
GROUP BY 1, 2, 3, 4, 5, 6, 7;
