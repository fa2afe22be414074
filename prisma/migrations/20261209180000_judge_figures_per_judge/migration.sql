-- The judge figures per judge as well as per project: the metrics count only the judgments of the
-- project's current panel (a judge that left keeps its judgments stored, but they no longer
-- decide any pair), so the running rows must say whose judgments they count. The rows are
-- recounted from the judgments, now per project and judge, and the trigger appends per judge.
DELETE FROM "JudgeFigureDelta";
ALTER TABLE "JudgeFigureDelta" ADD COLUMN "endpointId" TEXT NOT NULL;
DROP INDEX "JudgeFigureDelta_projectId_idx";
CREATE INDEX "JudgeFigureDelta_projectId_endpointId_idx" ON "JudgeFigureDelta"("projectId", "endpointId");

CREATE OR REPLACE FUNCTION judge_figures_apply() RETURNS trigger LANGUAGE plpgsql AS $$
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
      SELECT d."projectId", d."endpointId", a.judged - b.judged AS judged, a."failedPairs" - b."failedPairs" AS "failedPairs",
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
    INSERT INTO "JudgeFigureDelta" ("projectId", "endpointId", "judged", "failedPairs", "bothOrders", "inconsistent", "decisive", "firstWins")
    SELECT "projectId", "endpointId", sum("judged"), sum("failedPairs"), sum("bothOrders"), sum("inconsistent"), sum("decisive"), sum("firstWins")
    FROM figures GROUP BY 1, 2
    HAVING sum("judged") <> 0 OR sum("failedPairs") <> 0 OR sum("bothOrders") <> 0
        OR sum("inconsistent") <> 0 OR sum("decisive") <> 0 OR sum("firstWins") <> 0$q$, changed);
  RETURN NULL;
END $$;

-- Existing judgments.
INSERT INTO "JudgeFigureDelta" ("projectId", "endpointId", "judged", "failedPairs", "bothOrders", "inconsistent", "decisive", "firstWins")
SELECT g."projectId", g."endpointId", sum(f.judged), sum(f."failedPairs"), sum(f."bothOrders"), sum(f.inconsistent), sum(f.decisive), sum(f."firstWins")
FROM (
  SELECT "projectId", "endpointId", count(*) AS orders, count(*) FILTER (WHERE "status" = 'FAILED') AS failed,
         count(*) FILTER (WHERE "status" = 'OK' AND "winner" = 'A') AS ok_a,
         count(*) FILTER (WHERE "status" = 'OK' AND "winner" = 'B') AS ok_b,
         count(*) FILTER (WHERE "status" = 'OK' AND "winner" = 'TIE') AS ok_tie,
         count(*) FILTER (WHERE "status" = 'OK' AND "winner" = 'BOTH_BAD') AS ok_x,
         count(*) FILTER (WHERE "status" = 'OK' AND "winner" IN ('A', 'B') AND ("winner" = 'A') <> "swapped") AS first_wins
  FROM "Judgment" GROUP BY "projectId", "pairId", "endpointId"
) g CROSS JOIN LATERAL judge_group_figures(g.orders, g.failed, g.ok_a, g.ok_b, g.ok_tie, g.ok_x, g.first_wins) f
GROUP BY 1, 2;
