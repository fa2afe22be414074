import "server-only";
import { bulkPool } from "@/lib/bulk-db";
import { db } from "@/lib/db";
import { rubricFor } from "@/lib/judging/rubric";
import type { CardEndpoint, CardInput } from "./card";

// What the dataset card says about the project: its modes, the models (ids and sampling only:
// base URLs and keys stay out), and agreement figures read from the votes and verdicts.

export async function cardProjectFacts(projectId: string): Promise<Pick<CardInput, "project" | "endpoints">> {
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    include: {
      endpoints: {
        include: { endpoint: { select: { modelId: true, provider: true, temperature: true, topP: true, maxTokens: true, seed: true } } },
        orderBy: [{ role: "asc" }, { endpointId: "asc" }],
      },
    },
  });
  const endpoints: CardEndpoint[] = project.endpoints.map((pe) => ({ role: pe.role, ...pe.endpoint }));
  return {
    project: {
      name: project.name,
      description: project.description,
      generationMode: project.generationMode,
      evaluationMode: project.evaluationMode,
      overlap: project.overlap,
      samplesPerPrompt: project.samplesPerPrompt,
      maxPairsPerPrompt: project.maxPairsPerPrompt,
      uncertainToHumans: project.uncertainToHumans,
      confidenceThreshold: project.confidenceThreshold,
      auditShare: project.auditShare,
      rubric: rubricFor(project.judgeRubric),
      hasSystemPrompt: !!project.systemPrompt?.trim(),
    },
    endpoints,
  };
}

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}% (${n} of ${d})`;

/** Agreement across the whole project at export time: between annotators, between the judge's two orders, and judge vs humans. */
export async function cardAgreement(projectId: string): Promise<CardInput["agreement"]> {
  const pool = bulkPool();
  const humans = await pool.query<{ multi: number; unanimous: number; mean_majority: number | null }>(
    `WITH v AS (SELECT "pairId", choice, count(*)::int AS n FROM "Vote" WHERE "projectId" = $1 GROUP BY 1, 2),
          p AS (SELECT "pairId", sum(n)::int AS total, max(n)::int AS top FROM v GROUP BY 1)
     SELECT count(*) FILTER (WHERE total >= 2)::int AS multi,
            count(*) FILTER (WHERE total >= 2 AND top = total)::int AS unanimous,
            avg(top::float8 / total) FILTER (WHERE total >= 2) AS mean_majority
     FROM p`,
    [projectId],
  );
  const judge = await pool.query<{ agreed: number; judged: number }>(
    `SELECT count(*) FILTER (WHERE "judgeStatus" = 'AGREED')::int AS agreed,
            count(*) FILTER (WHERE "judgeStatus" IN ('AGREED', 'UNCERTAIN'))::int AS judged
     FROM "Pair" WHERE "projectId" = $1`,
    [projectId],
  );
  // The human label of a pair is its strict majority; pairs without one are not compared.
  const versus = await pool.query<{ compared: number; same: number }>(
    `WITH v AS (SELECT "pairId", choice, count(*)::int AS n FROM "Vote" WHERE "projectId" = $1 GROUP BY 1, 2),
          r AS (SELECT "pairId", choice, n, sum(n) OVER w AS total, row_number() OVER (w ORDER BY n DESC) AS rk
                FROM v WINDOW w AS (PARTITION BY "pairId"))
     SELECT count(*)::int AS compared, count(*) FILTER (WHERE r.choice::text = p."judgeLabel"::text)::int AS same
     FROM r JOIN "Pair" p ON p.id = r."pairId"
     WHERE r.rk = 1 AND r.n * 2 > r.total AND p."judgeStatus" = 'AGREED'`,
    [projectId],
  );
  const h = humans.rows[0]!;
  const j = judge.rows[0]!;
  const x = versus.rows[0]!;
  const figures: { name: string; value: string }[] = [];
  if (h.multi > 0) {
    figures.push({ name: "Pairs with two or more human votes that were unanimous", value: pct(h.unanimous, h.multi) });
    figures.push({ name: "Mean share of votes for the majority choice", value: `${((h.mean_majority ?? 0) * 100).toFixed(1)}%` });
  }
  if (j.judged > 0) figures.push({ name: "Judge verdicts that agreed across both orders", value: pct(j.agreed, j.judged) });
  if (x.compared > 0) figures.push({ name: "Judge verdicts matching the human majority", value: pct(x.same, x.compared) });
  return { figures, note: figures.length ? "Figures cover the whole project when the export was made, not only the exported rows." : undefined };
}
