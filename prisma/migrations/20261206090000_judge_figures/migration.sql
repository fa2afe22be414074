-- The metrics' judge figures as running figures: per project, how many pairs each judge has
-- seen in both orders, with a failed order, with both orders OK, and with both OK but different
-- winners; and how many OK judgments named A or B, and how many of those the answer shown first
-- won. Reading them from the 2M judgments of a million-pair project (grouped per pair and judge)
-- took 1.2 s of the metrics page, beside the other figures on the second core. The Judgment
-- triggers below now keep them as judgments are stored and deleted.
CREATE TABLE "JudgeFigureDelta" (
    "id" BIGSERIAL NOT NULL,
    "projectId" TEXT NOT NULL,
    "judged" INTEGER NOT NULL,
    "failedPairs" INTEGER NOT NULL,
    "bothOrders" INTEGER NOT NULL,
    "inconsistent" INTEGER NOT NULL,
    "decisive" INTEGER NOT NULL,
    "firstWins" INTEGER NOT NULL,
    CONSTRAINT "JudgeFigureDelta_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "JudgeFigureDelta_projectId_idx" ON "JudgeFigureDelta"("projectId");
ALTER TABLE "JudgeFigureDelta" ADD CONSTRAINT "JudgeFigureDelta_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A pair's judgments by one judge (at most one per order), as the figures count them: one row of
-- the six counters, from the group's judgments, failed ones, OK ones per winner (A, B, TIE,
-- BOTH_BAD) and OK ones won by the answer shown first (A in order, B swapped). Counts, so that
-- a group's counts before a statement are its counts now less the statement's change.
CREATE FUNCTION judge_group_figures(orders bigint, failed bigint, ok_a bigint, ok_b bigint, ok_tie bigint, ok_x bigint, first_wins bigint)
RETURNS TABLE (judged int, "failedPairs" int, "bothOrders" int, inconsistent int, decisive int, "firstWins" int)
LANGUAGE sql IMMUTABLE AS $$
  SELECT (orders = 2)::int, (orders = 2 AND failed > 0)::int, (ok_a + ok_b + ok_tie + ok_x = 2)::int,
         (ok_a + ok_b + ok_tie + ok_x = 2 AND greatest(ok_a, ok_b, ok_tie, ok_x) < 2)::int,
         (ok_a + ok_b)::int, first_wins::int
$$;

-- A statement's change is the figures of the (pair, judge) groups it touched now, less their
-- figures before it: their counts now less the statement's signed change of each count (rows
-- inserted count +1, deleted -1, updated both). Each touched group is read through the unique
-- (pair, judge, order) index, so a statement of one judgment reads its pair's two at most, and a
-- bulk statement scales with its rows. That is exact only if no concurrent statement changed the
-- same groups unseen: the groups are locked first, and their counts are read in the next
-- statement, whose snapshot sees every judgment committed before the lock. The locks are
-- advisory, on 256 buckets of groups taken in order, so a statement touching a million groups (a
-- retry of many failed judgments) holds 256 of them at most. Rows are appended, never merged into
-- shared ones: concurrent judges wait only for a statement touching the same bucket.
CREATE FUNCTION judge_figures_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cols text := 'j."projectId", j."pairId", j."endpointId", j."swapped", j."status", j."winner"';
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %s, 1 AS s FROM new_judgments j', cols)
    WHEN 'DELETE' THEN format('SELECT %s, -1 AS s FROM old_judgments j', cols)
    ELSE format('SELECT %s, 1 AS s FROM new_judgments j UNION ALL SELECT %s, -1 AS s FROM old_judgments j', cols, cols)
  END;
BEGIN
  EXECUTE format($q$
    SELECT count(pg_advisory_xact_lock(hashtext('judge-figures'), k.h)) FROM (
      SELECT DISTINCT hashtext(c."pairId" || '/' || c."endpointId") & 255 AS h FROM (%s) c ORDER BY 1 OFFSET 0
    ) k$q$, changed);
  EXECUTE format($q$
    WITH delta AS (
      SELECT c."projectId", c."pairId", c."endpointId", sum(c.s) AS orders,
             coalesce(sum(c.s) FILTER (WHERE c."status" = 'FAILED'), 0) AS failed,
             coalesce(sum(c.s) FILTER (WHERE c."status" = 'OK' AND c."winner" = 'A'), 0) AS ok_a,
             coalesce(sum(c.s) FILTER (WHERE c."status" = 'OK' AND c."winner" = 'B'), 0) AS ok_b,
             coalesce(sum(c.s) FILTER (WHERE c."status" = 'OK' AND c."winner" = 'TIE'), 0) AS ok_tie,
             coalesce(sum(c.s) FILTER (WHERE c."status" = 'OK' AND c."winner" = 'BOTH_BAD'), 0) AS ok_x,
             coalesce(sum(c.s) FILTER (WHERE c."status" = 'OK' AND c."winner" IN ('A', 'B') AND (c."winner" = 'A') <> c."swapped"), 0) AS first_wins
      FROM (%s) c GROUP BY 1, 2, 3
    ),
    figures AS (
      SELECT d."projectId", a.judged - b.judged AS judged, a."failedPairs" - b."failedPairs" AS "failedPairs",
             a."bothOrders" - b."bothOrders" AS "bothOrders", a.inconsistent - b.inconsistent AS inconsistent,
             a.decisive - b.decisive AS decisive, a."firstWins" - b."firstWins" AS "firstWins"
      FROM delta d
      CROSS JOIN LATERAL (
        SELECT count(*) AS orders, count(*) FILTER (WHERE j."status" = 'FAILED') AS failed,
               count(*) FILTER (WHERE j."status" = 'OK' AND j."winner" = 'A') AS ok_a,
               count(*) FILTER (WHERE j."status" = 'OK' AND j."winner" = 'B') AS ok_b,
               count(*) FILTER (WHERE j."status" = 'OK' AND j."winner" = 'TIE') AS ok_tie,
               count(*) FILTER (WHERE j."status" = 'OK' AND j."winner" = 'BOTH_BAD') AS ok_x,
               count(*) FILTER (WHERE j."status" = 'OK' AND j."winner" IN ('A', 'B') AND (j."winner" = 'A') <> j."swapped") AS first_wins
        FROM "Judgment" j WHERE j."pairId" = d."pairId" AND j."endpointId" = d."endpointId"
      ) n
      CROSS JOIN LATERAL judge_group_figures(n.orders, n.failed, n.ok_a, n.ok_b, n.ok_tie, n.ok_x, n.first_wins) a
      CROSS JOIN LATERAL judge_group_figures(n.orders - d.orders, n.failed - d.failed, n.ok_a - d.ok_a, n.ok_b - d.ok_b,
                                             n.ok_tie - d.ok_tie, n.ok_x - d.ok_x, n.first_wins - d.first_wins) b
      WHERE EXISTS (SELECT 1 FROM "Project" pr WHERE pr."id" = d."projectId")
    )
    INSERT INTO "JudgeFigureDelta" ("projectId", "judged", "failedPairs", "bothOrders", "inconsistent", "decisive", "firstWins")
    SELECT "projectId", sum("judged"), sum("failedPairs"), sum("bothOrders"), sum("inconsistent"), sum("decisive"), sum("firstWins")
    FROM figures GROUP BY 1
    HAVING sum("judged") <> 0 OR sum("failedPairs") <> 0 OR sum("bothOrders") <> 0
        OR sum("inconsistent") <> 0 OR sum("decisive") <> 0 OR sum("firstWins") <> 0$q$, changed);
  RETURN NULL;
END $$;

CREATE TRIGGER "Judgment_figures_insert" AFTER INSERT ON "Judgment" REFERENCING NEW TABLE AS new_judgments
  FOR EACH STATEMENT EXECUTE FUNCTION judge_figures_apply();
CREATE TRIGGER "Judgment_figures_update" AFTER UPDATE ON "Judgment" REFERENCING OLD TABLE AS old_judgments NEW TABLE AS new_judgments
  FOR EACH STATEMENT EXECUTE FUNCTION judge_figures_apply();
CREATE TRIGGER "Judgment_figures_delete" AFTER DELETE ON "Judgment" REFERENCING OLD TABLE AS old_judgments
  FOR EACH STATEMENT EXECUTE FUNCTION judge_figures_apply();

-- Existing judgments.
INSERT INTO "JudgeFigureDelta" ("projectId", "judged", "failedPairs", "bothOrders", "inconsistent", "decisive", "firstWins")
SELECT g."projectId", sum(f.judged), sum(f."failedPairs"), sum(f."bothOrders"), sum(f.inconsistent), sum(f.decisive), sum(f."firstWins")
FROM (
  SELECT "projectId", count(*) AS orders, count(*) FILTER (WHERE "status" = 'FAILED') AS failed,
         count(*) FILTER (WHERE "status" = 'OK' AND "winner" = 'A') AS ok_a,
         count(*) FILTER (WHERE "status" = 'OK' AND "winner" = 'B') AS ok_b,
         count(*) FILTER (WHERE "status" = 'OK' AND "winner" = 'TIE') AS ok_tie,
         count(*) FILTER (WHERE "status" = 'OK' AND "winner" = 'BOTH_BAD') AS ok_x,
         count(*) FILTER (WHERE "status" = 'OK' AND "winner" IN ('A', 'B') AND ("winner" = 'A') <> "swapped") AS first_wins
  FROM "Judgment" GROUP BY "projectId", "pairId", "endpointId"
) g CROSS JOIN LATERAL judge_group_figures(g.orders, g.failed, g.ok_a, g.ok_b, g.ok_tie, g.ok_x, g.first_wins) f
GROUP BY 1;
