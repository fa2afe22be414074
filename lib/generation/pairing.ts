import "server-only";
import { bulkPool } from "@/lib/bulk-db";
import { db } from "@/lib/db";
import type { Project } from "@/lib/generated/prisma/client";

/**
 * The MULTI_SAMPLE rule. While a prompt's samples are still arriving, a pair is made only of two
 * candidates not yet in any pair, so the first pairs are disjoint; once all samples exist
 * (`complete`), pairs are added up to `max`, each time the one whose candidates are used least.
 * Deterministic for a given set of candidates (taken in endpoint, sample order).
 */
export function choosePairs(
  candidates: string[],
  existing: [string, string][],
  max: number,
  complete: boolean,
): [string, string][] {
  const used = new Map<string, number>();
  const has = new Set(existing.map(([a, b]) => `${a}|${b}`));
  for (const [a, b] of existing) for (const id of [a, b]) used.set(id, (used.get(id) ?? 0) + 1);
  const chosen: [string, string][] = [];
  while (existing.length + chosen.length < max) {
    let best: [string, string] | null = null;
    let bestScore = Infinity;
    for (let i = 0; i < candidates.length; i++) {
      for (let j = i + 1; j < candidates.length; j++) {
        const [a, b] = [candidates[i]!, candidates[j]!];
        if (has.has(`${a}|${b}`)) continue;
        const score = (used.get(a) ?? 0) + (used.get(b) ?? 0);
        if (!complete && score > 0) continue;
        if (score < bestScore) [best, bestScore] = [[a, b], score];
      }
    }
    if (!best) break;
    chosen.push(best);
    has.add(`${best[0]}|${best[1]}`);
    for (const id of best) used.set(id, (used.get(id) ?? 0) + 1);
  }
  return chosen;
}

/**
 * STRONG_WEAK in one statement for several prompts of a project: per prompt, the newest usable
 * strong and weak answers, when both exist and neither is in a pair yet. Two batches finishing
 * together may both try; the unique (A, B) key keeps one.
 */
async function formStrongWeakPairs(project: Project, promptIds: string[]): Promise<number> {
  const implicit = project.evaluationMode === "IMPLICIT" ? "A" : null;
  // With pg, as the store before it (see storeBatch): one statement per few candidates.
  const { rowCount } = await bulkPool().query(STRONG_WEAK_SQL, [
    promptIds,
    project.allowFlawedInPairs,
    project.id,
    implicit,
  ]);
  return rowCount ?? 0;
}

const STRONG_WEAK_SQL = `
  WITH usable AS (
    SELECT c."id", c."promptId", c."role", c."createdAt" FROM "Candidate" c
    WHERE c."promptId" = ANY($1::text[]) AND c."source" = 'GENERATED' AND c."role" IN ('STRONG', 'WEAK')
      AND ($2::boolean OR c."flaw" IS NULL)
      -- Pairs with a human answer do not count: the strong and weak answers still meet.
      AND NOT EXISTS (SELECT 1 FROM "Pair" p JOIN "Candidate" o ON o."id" = p."candidateBId"
                      WHERE p."candidateAId" = c."id" AND o."source" <> 'HUMAN')
      AND NOT EXISTS (SELECT 1 FROM "Pair" p JOIN "Candidate" o ON o."id" = p."candidateAId"
                      WHERE p."candidateBId" = c."id" AND o."source" <> 'HUMAN')),
  strong AS (SELECT DISTINCT ON ("promptId") "promptId", "id" FROM usable WHERE "role" = 'STRONG' ORDER BY "promptId", "createdAt" DESC, "id" DESC),
  weak AS (SELECT DISTINCT ON ("promptId") "promptId", "id" FROM usable WHERE "role" = 'WEAK' ORDER BY "promptId", "createdAt" DESC, "id" DESC)
  INSERT INTO "Pair" ("id", "projectId", "promptId", "candidateAId", "candidateBId", "implicitLabel")
  SELECT gen_random_uuid()::text, $3, strong."promptId", strong."id", weak."id", $4::"PairLabel"
  FROM strong JOIN weak ON weak."promptId" = strong."promptId"
  -- Two batches pairing the same prompts insert them in the same order, so they wait, never deadlock.
  ORDER BY strong."promptId"
  ON CONFLICT DO NOTHING`;

/** Creates every pair the prompts' candidates now allow; returns how many were created. */
export async function formPairs(prompts: { project: Project; promptId: string }[]): Promise<number> {
  let created = 0;
  const strongWeak = new Map<string, { project: Project; promptIds: string[] }>();
  for (const { project, promptId } of prompts) {
    if (project.generationMode !== "STRONG_WEAK") created += await formSampledPairs(project, promptId);
    else {
      const group = strongWeak.get(project.id) ?? { project, promptIds: [] };
      group.promptIds.push(promptId);
      strongWeak.set(project.id, group);
    }
  }
  for (const { project, promptIds } of strongWeak.values()) created += await formStrongWeakPairs(project, promptIds);
  // A model answer arriving after a human one pairs with it now.
  for (const { project, promptId } of prompts)
    if (project.writersPerPrompt > 0) created += await formHumanPairs(project, promptId);
  return created;
}

/** MULTI_SAMPLE: the pairs one prompt's samples now allow. */
async function formSampledPairs(project: Project, promptId: string): Promise<number> {
  return db.$transaction(async (tx) => {
    // Two tasks of one prompt finishing together must not both add "the last" pair.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`pairs:${promptId}`}, 0))`;
    const all = await tx.candidate.findMany({
      where: { promptId, source: "GENERATED" },
      select: { id: true, role: true, endpointId: true, sampleIndex: true, flaw: true, createdAt: true },
      orderBy: [{ endpointId: "asc" }, { sampleIndex: "asc" }],
    });
    const cands = project.allowFlawedInPairs ? all : all.filter((c) => !c.flaw);
    // Pairs with a human answer are the human pairing's, not counted against maxPairsPerPrompt.
    const pairs = await tx.pair.findMany({
      where: { promptId, candidateA: { source: "GENERATED" }, candidateB: { source: "GENERATED" } },
      select: { candidateAId: true, candidateBId: true },
    });
    const samplers = await tx.projectEndpoint.count({ where: { projectId: project.id, role: "SAMPLER" } });
    const complete = all.filter((c) => c.role === "SAMPLER").length >= samplers * project.samplesPerPrompt;
    const data = choosePairs(
      cands.filter((c) => c.role === "SAMPLER").map((c) => c.id),
      pairs.map((p) => [p.candidateAId, p.candidateBId]),
      project.maxPairsPerPrompt,
      complete,
    ).map(([a, b]) => ({ candidateAId: a, candidateBId: b }));
    if (!data.length) return 0;
    const { count } = await tx.pair.createMany({
      data: data.map((d) => ({ ...d, projectId: project.id, promptId })),
      skipDuplicates: true,
    });
    return count;
  });
}

type PairingRule = Pick<Project, "humanPairing" | "allowFlawedInPairs">;
interface PairingCandidate {
  id: string;
  source: string;
  role: string | null;
}

/**
 * The pairs a prompt's human answers call for under the project's rule, as [human, other]
 * (A is the human answer, or the earlier one of two), leaving out pairs that exist. STRONG and
 * WEAK take the newest answer of that role; SAMPLES every model answer (generated or imported);
 * HUMAN every two human answers. Candidates come oldest first.
 */
export function chooseHumanPairs(
  rule: PairingRule["humanPairing"],
  candidates: PairingCandidate[],
  existing: [string, string][],
): [string, string][] {
  const has = new Set(existing.flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));
  const humans = candidates.filter((c) => c.source === "HUMAN");
  const models = candidates.filter((c) => c.source !== "HUMAN");
  const others: PairingCandidate[] =
    rule === "HUMAN"
      ? []
      : rule === "SAMPLES"
        ? models
        : models.filter((c) => c.source === "GENERATED" && c.role === rule).slice(-1);
  const chosen: [string, string][] = [];
  const add = (a: string, b: string) => {
    if (has.has(`${a}|${b}`)) return;
    has.add(`${a}|${b}`).add(`${b}|${a}`);
    chosen.push([a, b]);
  };
  for (const [i, h] of humans.entries()) {
    for (const o of others) add(h.id, o.id);
    if (rule === "HUMAN") for (const later of humans.slice(i + 1)) add(h.id, later.id);
  }
  return chosen;
}

/**
 * Pairs for one prompt's human answers, as soon as both answers of a pair exist. Under the same
 * advisory lock as the sampled pairs, so a writer submitting while a model answer is stored (or
 * two writers submitting together) cannot both add the same pair.
 */
export async function formHumanPairs(project: Project, promptId: string): Promise<number> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`pairs:${promptId}`}, 0))`;
    const all = await tx.candidate.findMany({
      where: { promptId },
      select: { id: true, source: true, role: true, flaw: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    const cands = project.allowFlawedInPairs ? all : all.filter((c) => !c.flaw);
    if (!cands.some((c) => c.source === "HUMAN")) return 0;
    const pairs = await tx.pair.findMany({ where: { promptId }, select: { candidateAId: true, candidateBId: true } });
    const data = chooseHumanPairs(
      project.humanPairing,
      cands,
      pairs.map((p) => [p.candidateAId, p.candidateBId]),
    );
    if (!data.length) return 0;
    const { count } = await tx.pair.createMany({
      data: data.map(([a, b]) => ({ candidateAId: a, candidateBId: b, projectId: project.id, promptId })),
      skipDuplicates: true,
    });
    return count;
  });
}
