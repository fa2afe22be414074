import "server-only";
import { bulkPool } from "@/lib/bulk-db";
import { humanLabelledPairsSql } from "./queries";
import type { ProjectMetrics } from "./types";

/**
 * Decided pairs of a human-written answer against a model's, per opponent: the endpoint that
 * wrote the other answer (by name), else the model an imported answer names, else "imported".
 * Ties and both-bad decide nothing and are left out, as in the strong-vs-weak rate. Human vs
 * human pairs say nothing about sources and are left out too.
 */
export const sourceWinsSql = `
  WITH decided AS (${humanLabelledPairsSql})
  SELECT coalesce(e."name", o."model", 'imported') AS opponent, count(*)::int AS n,
         count(*) FILTER (WHERE (d.label = 'A') = (ca."source" = 'HUMAN'))::int AS human_wins
  FROM decided d
  JOIN "Pair" p ON p."id" = d."id"
  JOIN "Candidate" ca ON ca."id" = p."candidateAId"
  JOIN "Candidate" cb ON cb."id" = p."candidateBId"
  JOIN "Candidate" o ON o."id" = CASE WHEN ca."source" = 'HUMAN' THEN cb."id" ELSE ca."id" END
  LEFT JOIN "ModelEndpoint" e ON e."id" = o."endpointId"
  WHERE d.label IN ('A', 'B') AND (ca."source" = 'HUMAN') <> (cb."source" = 'HUMAN')
  GROUP BY 1 ORDER BY 1`;

/** Human answers' win rate against each model (or imported source), with n. */
export async function humanWinRates(projectId: string): Promise<ProjectMetrics["humanVsModel"]> {
  const { rows } = await bulkPool().query<{ opponent: string; n: number; human_wins: number }>(sourceWinsSql, [
    projectId,
  ]);
  return rows.map((r) => ({ opponent: r.opponent, n: r.n, humanWins: r.human_wins, humanWinRate: r.human_wins / r.n }));
}
