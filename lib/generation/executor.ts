import "server-only";
import { db } from "@/lib/db";
import { hasPrompt, type Executor } from "@/lib/jobs/types";
import { callCostUsd } from "@/lib/models/cost";
import { formPairs } from "./pairing";
import { storeCandidate } from "./store-candidate";

/**
 * Produces the candidate of a task: one call to its endpoint (with the runtime's limits and
 * retries), its answer stored at most once, and the pairs of its prompt formed.
 */
export const generationExecutor: Executor<"GENERATION"> = {
  kind: "GENERATION",

  async execute(task, ctx) {
    if (!hasPrompt(task)) return ctx.fail(task, "prompt_missing", "This task has no prompt");
    const [project, endpoint] = await Promise.all([ctx.project(task), ctx.endpoint(task)]);
    const system = task.promptSystem ?? project.systemPrompt;
    const messages = [
      ...(system ? [{ role: "system" as const, content: system }] : []),
      { role: "user" as const, content: task.promptText },
    ];
    // Several samples from one endpoint must differ even where the server is deterministic.
    const overrides = task.role === "SAMPLER" ? { seed: (endpoint.seed ?? 0) + task.sampleIndex } : {};

    const call = await ctx.call(task, endpoint, messages, overrides);
    if (!call.ok) return call.outcome;
    const { result, attempts } = call;
    const flaw = !result.text.trim() ? "EMPTY" : result.finishReason === "length" ? "TRUNCATED" : null;
    const costUsd = callCostUsd(endpoint, result.inputTokens, result.outputTokens);
    await storeCandidate({ task, project, result, flaw, costUsd, attempts, system: system || null });
    return "done";
  },

  // A worker that died between storing candidates and pairing them left their prompts unpaired:
  // the prompts of this run's candidates that are in no pair are paired again (a flawed candidate
  // a project leaves out of pairs stays out).
  async settle(runId) {
    const unpaired = await db.$queryRaw<{ promptId: string }[]>`
      SELECT DISTINCT c."promptId" FROM "Task" t
      JOIN "Candidate" c ON c."promptId" = t."promptId" AND c."endpointId" = t."endpointId"
        AND c."role" = t."role" AND c."sampleIndex" = t."sampleIndex"
      WHERE t."runId" = ${runId} AND t."status" = 'DONE'
        AND NOT EXISTS (SELECT 1 FROM "Pair" p WHERE p."candidateAId" = c."id")
        AND NOT EXISTS (SELECT 1 FROM "Pair" p WHERE p."candidateBId" = c."id")`;
    if (!unpaired.length) return;
    const project = await db.project.findFirstOrThrow({ where: { runs: { some: { id: runId } } } });
    await formPairs(unpaired.map(({ promptId }) => ({ project, promptId })));
  },

  // The pairs this run formed: those whose later answer it made. A pair of a strong answer from
  // a cancelled run and a weak one from the run that finished the prompts is the second run's;
  // counting every pair holding one of a run's answers counted it on both cards.
  async summary(runId) {
    const [row] = await db.$queryRaw<{ n: number }[]>`
      WITH made AS (
        SELECT c."id", c."createdAt" FROM "Task" t
        JOIN "Candidate" c ON c."promptId" = t."promptId" AND c."endpointId" = t."endpointId"
          AND c."role" = t."role" AND c."sampleIndex" = t."sampleIndex"
        WHERE t."runId" = ${runId} AND t."status" = 'DONE'),
      -- Each side through its own index, then the other answer of the pair: older than this one.
      paired AS (
        SELECT p."id", p."candidateBId" AS "otherId", made."id" AS "mineId", made."createdAt"
        FROM made JOIN "Pair" p ON p."candidateAId" = made."id"
        UNION ALL
        SELECT p."id", p."candidateAId", made."id", made."createdAt"
        FROM made JOIN "Pair" p ON p."candidateBId" = made."id")
      SELECT count(DISTINCT paired."id")::int AS n
      FROM paired JOIN "Candidate" other ON other."id" = paired."otherId"
      WHERE (other."createdAt", other."id") <= (paired."createdAt", paired."mineId")`;
    return { pairsFormed: row?.n ?? 0 };
  },

  async usage(runId) {
    const [u] = await db.$queryRaw<{ input: number; output: number; cost: number }[]>`
      SELECT coalesce(sum(c."inputTokens"), 0)::float8 AS input, coalesce(sum(c."outputTokens"), 0)::float8 AS output,
             coalesce(sum(c."costUsd"), 0)::float8 AS cost
      FROM "Task" t
      JOIN "Candidate" c ON c."promptId" = t."promptId" AND c."endpointId" = t."endpointId"
        AND c."role" = t."role" AND c."sampleIndex" = t."sampleIndex"
      WHERE t."runId" = ${runId} AND t."status" = 'DONE'`;
    return u!;
  },
};
